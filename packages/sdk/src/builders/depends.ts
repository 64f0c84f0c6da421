type Op = 'and' | 'or' | 'atom';

/**
 * A typed Argo `depends` expression. Task handles are expressions themselves (`a` means "a succeeded, was skipped
 * or is daemoned"); `a.succeeded()`, `a.failed()`, … are their results; `and`, `or` and `not` combine them, adding
 * parentheses only where needed.
 * @example
 * ```ts
 * import { container, dag, type DependsExpr } from '@sluice/sdk';
 *
 * const work = container({ name: 'work', container: { image: 'busybox:1.36' } });
 * dag('main', (d) => {
 *   const a = d.task('a', work);
 *   const b = d.task('b', work);
 *   const c = d.task('c', work);
 *   const either: DependsExpr = a.succeeded().or(b.failed());
 *   either.toString(); // 'a.Succeeded || b.Failed'
 *   a.and(b.or(c)).toString(); // 'a && (b || c)'
 *   d.task('d', work, { depends: either });
 * });
 * ```
 */
export class DependsExpr {
  /** @internal */
  readonly op: Op;
  /** The expression text, as Argo reads it. */
  readonly text: string;

  /** @internal Use task handles, `after()` and the combinators. */
  constructor(text: string, op: Op) {
    this.text = text;
    this.op = op;
  }

  /** This and every one of `others` (`&&`). */
  and(...others: DependsExpr[]): DependsExpr {
    return combine('and', [this, ...others]);
  }

  /** This or any one of `others` (`||`). */
  or(...others: DependsExpr[]): DependsExpr {
    return combine('or', [this, ...others]);
  }

  /** The negation (`!`). */
  not(): DependsExpr {
    return new DependsExpr(this.op === 'atom' ? `!${this.text}` : `!(${this.text})`, 'atom');
  }

  /** The expression text. */
  toString(): string {
    return this.text;
  }
}

function combine(op: 'and' | 'or', parts: readonly DependsExpr[]): DependsExpr {
  if (parts.length === 1 && parts[0] !== undefined) return parts[0];
  // One list of texts for every call: `after(a, b)` runs once per task of a DAG, and a list per call was garbage.
  const texts = TEXTS;
  texts.length = parts.length;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as DependsExpr;
    texts[i] = p.op === 'atom' || p.op === op ? p.text : `(${p.text})`;
  }
  return new DependsExpr(texts.join(op === 'and' ? ' && ' : ' || '), op);
}

const TEXTS: string[] = [];

/**
 * Depends on every one of `tasks` (`a && b`): the usual "run after these".
 * @example
 * ```ts
 * import { after, container, dag } from '@sluice/sdk';
 *
 * const work = container({ name: 'work', container: { image: 'busybox:1.36' } });
 * const main = dag('main', (d) => {
 *   const features = d.task('features', work);
 *   const labels = d.task('labels', work);
 *   d.task('train', work, { depends: after(features, labels) }); // depends: features && labels
 * });
 * ```
 */
export function after(...tasks: DependsExpr[]): DependsExpr {
  if (tasks.length === 0) throw new Error('after(): give at least one task');
  return combine('and', tasks);
}

/** Whether the `depends` text mentions the task `name` as a whole word. */
export function mentions(text: string, name: string): boolean {
  let from = 0;
  for (;;) {
    const i = text.indexOf(name, from);
    if (i < 0) return false;
    const before = i === 0 ? '' : text[i - 1];
    const afterChar = text[i + name.length] ?? '';
    if (!/[-\w]/.test(before ?? '') && !/[-\w]/.test(afterChar)) return true;
    from = i + 1;
  }
}
