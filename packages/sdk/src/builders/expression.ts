const REFERENCE = /^\{\{\s*([A-Za-z_][\w-]*(?:\.[^.{}\s]+)*)\s*\}\}$/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * The expression form of a reference, for Argo's expressions (`valueFrom.expression`, `{{= … }}`, `when` written as
 * an expression, `depends`-free conditions): the path without braces, with every segment that is not an identifier
 * in brackets. Takes any single `{{…}}` reference a handle gives (task and step outputs, inputs, workflow
 * parameters, `item`).
 * @example
 * ```ts
 * import { container, dag, expr } from '@sluice/sdk';
 *
 * const flip = container({ name: 'flip', container: { image: 'python:3.12-slim', command: ['python', '-c', 'import random; print(random.choice(["heads", "tails"]))'] } });
 * const main = dag('main', (d) => {
 *   const coin = d.task('flip-coin', flip);
 *   expr(coin.outputs.result); // "tasks['flip-coin'].outputs.result"
 *   return { outputs: { parameters: { heads: { valueFrom: { expression: `${expr(coin.outputs.result)} == 'heads'` } } } } };
 * });
 * ```
 */
export function expr(reference: string): string {
  const m = typeof reference === 'string' ? REFERENCE.exec(reference) : null;
  if (m === null || m[1] === undefined) {
    throw new Error(
      `expr(): expected one reference such as '{{tasks.a.outputs.result}}' (a handle's output, an input or a workflow parameter), got ${JSON.stringify(reference)}`,
    );
  }
  const [head, ...rest] = m[1].split('.');
  let out = head ?? '';
  if (!IDENTIFIER.test(out)) out = `['${out}']`;
  for (const segment of rest) out += IDENTIFIER.test(segment) ? `.${segment}` : `['${segment.replace(/'/g, "\\'")}']`;
  return out;
}
