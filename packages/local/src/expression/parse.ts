import jsep from 'jsep';

/**
 * A node of a parsed expression: its `type` (`BinaryExpression`, `Identifier`, `Literal`, …) and that type's fields.
 * Declared here rather than as the parser's own type, so the published declarations need no third-party typings.
 */
export interface ExpressionNode {
  readonly type: string;
  readonly [field: string]: unknown;
}

/**
 * An expression that could not be parsed or evaluated, with the expression text and where it came from.
 * @example
 * ```ts
 * import { ExpressionError, parseExpression } from '@sluice/local';
 *
 * try {
 *   parseExpression('a ==');
 * } catch (error) {
 *   if (error instanceof ExpressionError) console.error(error.expression, error.reason);
 * }
 * ```
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  constructor(
    /** The expression as written (after `{{…}}` substitution). */
    readonly expression: string,
    /** What is wrong. */
    readonly reason: string,
  ) {
    super(`cannot evaluate expression "${expression}": ${reason}`);
  }
}

let configured = false;

/** Teaches jsep the operators of govaluate (Argo's `when`) and expr-lang (`retryStrategy.expression`, hooks). */
function configure(): void {
  if (configured) return;
  configured = true;
  jsep.addBinaryOp('or', 1);
  jsep.addBinaryOp('and', 2);
  jsep.addBinaryOp('in', 7);
  jsep.addBinaryOp('matches', 7);
  jsep.addBinaryOp('=~', 7);
  jsep.addBinaryOp('!~', 7);
  jsep.addBinaryOp('contains', 7);
  jsep.addBinaryOp('startsWith', 7);
  jsep.addBinaryOp('endsWith', 7);
  jsep.addBinaryOp('**', 11);
  jsep.addUnaryOp('not');
}

/**
 * Parses an Argo condition or expr-lang expression into a syntax tree, never evaluating code.
 *
 * @throws {ExpressionError} when the text is not a valid expression.
 * @example
 * ```ts
 * import { parseExpression } from '@sluice/local';
 *
 * parseExpression("asInt(lastRetry.exitCode) == 1 && lastRetry.status == 'Failed'");
 * ```
 */
export function parseExpression(text: string): ExpressionNode {
  configure();
  try {
    return jsep(text);
  } catch (error) {
    throw new ExpressionError(text, (error as Error).message);
  }
}
