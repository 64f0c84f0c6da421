import { ExpressionError } from './parse.js';

/**
 * The task results a `depends` expression may name (Argo's list, in its spelling).
 * @example
 * ```ts
 * import { taskResults } from '@sluice/local';
 *
 * taskResults.includes('Succeeded'); // true
 * ```
 */
export const taskResults = [
  'Succeeded',
  'Failed',
  'Errored',
  'Skipped',
  'Omitted',
  'Daemoned',
  'AnySucceeded',
  'AllFailed',
] as const;

/**
 * One of {@link taskResults}.
 * @example
 * ```ts
 * import { evaluateDepends, parseDepends, type TaskResult } from '@sluice/local';
 *
 * const results = new Map<string, TaskResult[]>([['extract', ['Succeeded']]]);
 * evaluateDepends(parseDepends('extract.Succeeded'), (task, result) => results.get(task)?.includes(result) ?? false);
 * ```
 */
export type TaskResult = (typeof taskResults)[number];

/**
 * A parsed `depends` expression.
 * @example
 * ```ts
 * import { type DependsNode, parseDepends } from '@sluice/local';
 *
 * const node: DependsNode = parseDepends('extract && !validate.Failed');
 * console.log(node.kind); // 'and'
 * ```
 */
export type DependsNode =
  | { readonly kind: 'ref'; readonly task: string; readonly result: TaskResult | undefined }
  | { readonly kind: 'not'; readonly operand: DependsNode }
  | { readonly kind: 'and' | 'or'; readonly left: DependsNode; readonly right: DependsNode };

const token = /\s*(\(|\)|&&|\|\||!|[A-Za-z0-9_][-A-Za-z0-9_]*(?:\.[A-Za-z]+)?)/y;

/**
 * Parses a DAG task's `depends` expression (`A && (B.Failed || C.AnySucceeded)`). Task names may contain dashes,
 * which is why this is not a general expression parser.
 *
 * @throws {ExpressionError} on a syntax error or a result name Argo does not know.
 * @example
 * ```ts
 * import { parseDepends } from '@sluice/local';
 *
 * parseDepends('extract && (validate.Failed || validate.Errored)');
 * ```
 */
export function parseDepends(text: string): DependsNode {
  const tokens: string[] = [];
  token.lastIndex = 0;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    token.lastIndex = at;
    const m = token.exec(text);
    if (m === null) throw new ExpressionError(text, `unexpected character at offset ${at}: "${text.slice(at).trim()}"`);
    tokens.push(m[1] as string);
    at = token.lastIndex;
  }
  let i = 0;
  const peek = (): string | undefined => tokens[i];
  const or = (): DependsNode => {
    let left = and();
    while (peek() === '||') {
      i++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): DependsNode => {
    let left = unary();
    while (peek() === '&&') {
      i++;
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  };
  const unary = (): DependsNode => {
    const t = tokens[i++];
    if (t === '!') return { kind: 'not', operand: unary() };
    if (t === '(') {
      const inner = or();
      if (tokens[i++] !== ')') throw new ExpressionError(text, 'missing ")"');
      return inner;
    }
    if (t === undefined || t === ')' || t === '&&' || t === '||') {
      throw new ExpressionError(text, `expected a task name, got ${t === undefined ? 'the end' : `"${t}"`}`);
    }
    const dot = t.indexOf('.');
    if (dot < 0) return { kind: 'ref', task: t, result: undefined };
    const result = t.slice(dot + 1);
    if (!(taskResults as readonly string[]).includes(result)) {
      throw new ExpressionError(
        text,
        `task result '${result}' for task '${t.slice(0, dot)}' is invalid; valid: ${taskResults.join(', ')}`,
      );
    }
    return { kind: 'ref', task: t.slice(0, dot), result: result as TaskResult };
  };
  const tree = or();
  if (i < tokens.length) throw new ExpressionError(text, `unexpected "${tokens[i]}"`);
  return tree;
}

/**
 * The task names a `depends` expression refers to.
 * @example
 * ```ts
 * import { dependsTasks, parseDepends } from '@sluice/local';
 *
 * dependsTasks(parseDepends('extract && (validate.Failed || load)')); // [ 'extract', 'validate', 'load' ]
 * ```
 */
export function dependsTasks(node: DependsNode): string[] {
  const out = new Set<string>();
  const walk = (n: DependsNode): void => {
    if (n.kind === 'ref') out.add(n.task);
    else if (n.kind === 'not') walk(n.operand);
    else {
      walk(n.left);
      walk(n.right);
    }
  };
  walk(node);
  return [...out];
}

/**
 * Evaluates a parsed `depends` expression. `has(task, result)` answers whether a finished task has that result;
 * a bare name means `Succeeded || Skipped || Daemoned`, as in Argo.
 * @example
 * ```ts
 * import { evaluateDepends, parseDepends } from '@sluice/local';
 *
 * const done = new Set(['extract.Succeeded', 'validate.Failed']);
 * evaluateDepends(parseDepends('extract && validate.Failed'), (task, result) => done.has(`${task}.${result}`)); // true
 * ```
 */
export function evaluateDepends(node: DependsNode, has: (task: string, result: TaskResult) => boolean): boolean {
  switch (node.kind) {
    case 'ref':
      return node.result === undefined
        ? has(node.task, 'Succeeded') || has(node.task, 'Skipped') || has(node.task, 'Daemoned')
        : has(node.task, node.result);
    case 'not':
      return !evaluateDepends(node.operand, has);
    case 'and':
      return evaluateDepends(node.left, has) && evaluateDepends(node.right, has);
    case 'or':
      return evaluateDepends(node.left, has) || evaluateDepends(node.right, has);
  }
}
