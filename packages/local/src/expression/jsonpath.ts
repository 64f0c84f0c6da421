import { ExpressionError } from './parse.js';

type Step = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'all' };

function steps(expression: string, path: string): Step[] {
  const out: Step[] = [];
  let rest = path.trim();
  if (!rest.startsWith('$')) throw new ExpressionError(expression, `jsonpath: path "${path}" must start with $`);
  rest = rest.slice(1);
  const re = /^(?:\.([A-Za-z_][\w-]*)|\.\*|\[\*\]|\[(-?\d+)\]|\[(?:'([^']*)'|"([^"]*)")\])/;
  while (rest !== '') {
    const m = re.exec(rest);
    if (m === null) {
      throw new ExpressionError(
        expression,
        `jsonpath: cannot read "${rest}" of "${path}" (supported: .key, ['key'], [n], [*], .*)`,
      );
    }
    if (m[1] !== undefined) out.push({ kind: 'key', key: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'index', index: Number(m[2]) });
    else if (m[3] !== undefined || m[4] !== undefined) out.push({ kind: 'key', key: m[3] ?? m[4] ?? '' });
    else out.push({ kind: 'all' });
    rest = rest.slice(m[0].length);
  }
  return out;
}

/**
 * Argo's `jsonpath(json, path)` for simple paths: `$`, `.key`, `['key']`, `[n]` (negative from the end), `[*]`
 * and `.*`. The document may be JSON text or an already parsed value. A path with a wildcard gives a list.
 *
 * @throws {ExpressionError} for text that is not JSON, an unsupported path, or a path that does not exist.
 * @example
 * ```ts
 * jsonpath('e', '{"a":{"b":[1,2]}}', '$.a.b[1]'); // 2
 * ```
 */
export function jsonpath(expression: string, document: unknown, path: string): unknown {
  let value: unknown = document;
  if (typeof document === 'string') {
    try {
      value = JSON.parse(document);
    } catch {
      throw new ExpressionError(expression, `jsonpath: the document is not JSON: ${document.slice(0, 80)}`);
    }
  }
  let current: unknown[] = [value];
  let many = false;
  for (const step of steps(expression, path)) {
    const next: unknown[] = [];
    for (const v of current) {
      if (step.kind === 'all') {
        many = true;
        if (Array.isArray(v)) next.push(...v);
        else if (v !== null && typeof v === 'object') next.push(...Object.values(v));
      } else if (step.kind === 'index') {
        if (Array.isArray(v)) {
          const item = v[step.index < 0 ? v.length + step.index : step.index];
          if (item !== undefined) next.push(item);
        }
      } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, step.key)) {
        next.push((v as Record<string, unknown>)[step.key]);
      }
    }
    if (!many && next.length === 0) throw new ExpressionError(expression, `jsonpath: "${path}" matches nothing`);
    current = next;
  }
  return many ? current : current[0];
}
