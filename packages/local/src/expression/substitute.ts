import { evaluateExpression } from './evaluate.js';

/**
 * A `{{…}}` reference that has no value where it is used.
 * @example
 * ```ts
 * import { substitute, UnresolvedReferenceError } from '@sluice/local';
 *
 * try {
 *   substitute('echo {{inputs.parameters.missing}}', new Map(), { where: 'templates.say' });
 * } catch (error) {
 *   if (error instanceof UnresolvedReferenceError) console.error(error.where, error.tag);
 * }
 * ```
 */
export class UnresolvedReferenceError extends Error {
  override readonly name = 'UnresolvedReferenceError';
  constructor(
    /** The tag as written, e.g. `{{tasks.extract.outputs.result}}`. */
    readonly tag: string,
    /** Where it was used, e.g. `templates.main.tasks.load`. */
    readonly where: string,
  ) {
    super(`${where}: failed to resolve ${tag}`);
  }
}

/** Values for `{{…}}` tags by their full name (`inputs.parameters.x`, `tasks.a.outputs.result`, `item`). */
export type FlatScope = ReadonlyMap<string, string>;

/**
 * A scope that looks names up in `top` first, then in `base`, without copying either: a loop item's names over a
 * DAG's growing scope cost nothing per item.
 */
export function overlay(base: FlatScope, top: FlatScope): FlatScope {
  if (top.size === 0) return base;
  const get = (k: string) => top.get(k) ?? base.get(k);
  const entries = (): MapIterator<[string, string]> => {
    const merged = new Map(base);
    for (const [k, v] of top) merged.set(k, v);
    return merged.entries();
  };
  const view: FlatScope = {
    get,
    has: (k) => top.has(k) || base.has(k),
    get size() {
      let n = base.size;
      for (const k of top.keys()) if (!base.has(k)) n++;
      return n;
    },
    entries,
    [Symbol.iterator]: entries,
    keys: () => new Map(entries()).keys(),
    values: () => new Map(entries()).values(),
    forEach(fn) {
      for (const [k, v] of entries()) fn(v, k, view);
    },
  };
  return view;
}

const tag = /\{\{(\s*=)?([\s\S]*?)\}\}/g;

/** Options of {@link substitute}. */
export interface SubstituteOptions {
  /** Where the text is, for errors. */
  readonly where: string;
  /** Leave unknown tags as they are (first pass over a DAG or steps template) instead of failing. */
  readonly lenient?: boolean;
}

/**
 * Replaces Argo's `{{name}}` tags and `{{= expression}}` tags in a string. Names are looked up with the
 * whitespace inside the braces trimmed; expressions are evaluated over the scope's names as nested objects
 * (`inputs.parameters['raw-path']`).
 *
 * @throws {UnresolvedReferenceError} for an unknown name unless `lenient`.
 * @example
 * ```ts
 * import { substitute } from '@sluice/local';
 *
 * substitute('echo {{inputs.parameters.msg}}', new Map([['inputs.parameters.msg', 'hi']]), { where: 'templates.say' });
 * // 'echo hi'
 * ```
 */
export function substitute(text: string, scope: FlatScope, options: SubstituteOptions): string {
  if (!text.includes('{{')) return text;
  return text.replace(tag, (whole, isExpression: string | undefined, body: string) => {
    const name = body.trim();
    if (isExpression !== undefined) {
      try {
        const value = evaluateExpression(name, nestScope(scope));
        return typeof value === 'string' ? value : JSON.stringify(value);
      } catch (error) {
        if (options.lenient) return whole;
        throw new UnresolvedReferenceError(`${whole} (${(error as Error).message})`, options.where);
      }
    }
    const value = scope.get(name);
    if (value !== undefined) return value;
    if (options.lenient || !isCheckedTag(name)) return whole;
    throw new UnresolvedReferenceError(whole, options.where);
  });
}

/** Argo checks only tags with these prefixes; anything else (custom text in `{{…}}`) passes through. */
function isCheckedTag(name: string): boolean {
  return /^(item|steps|inputs|outputs|pod|workflow|tasks|retries|lastRetry|node)(\.|$|\[)/.test(name);
}

/**
 * Substitutes every string inside a JSON value (a template, arguments), leaving keys alone. Keys named in `skip`
 * are copied untouched (an inline template has its own scope).
 */
export function substituteDeep<T>(
  value: T,
  scope: FlatScope,
  options: SubstituteOptions & { skip?: readonly string[] },
): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return substitute(v, scope, options);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, child] of Object.entries(v)) out[k] = options.skip?.includes(k) ? child : walk(child);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/**
 * Turns flat names into nested objects for expressions: `tasks.a.outputs.result` → `{ tasks: { a: { outputs:
 * { result } } } }`. A value that is JSON of a list or map is also reachable parsed where no deeper name exists.
 */
export function nestScope(scope: FlatScope): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of scope) {
    const parts = name.split('.');
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const key = parts[i] as string;
      const next = node[key];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) {
        const fresh: Record<string, unknown> = {};
        node[key] = fresh;
        node = fresh;
      } else node = next as Record<string, unknown>;
    }
    const leaf = parts[parts.length - 1] as string;
    if (!(leaf in node)) node[leaf] = value;
  }
  return root;
}
