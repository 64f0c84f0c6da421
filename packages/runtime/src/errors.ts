/**
 * Exit codes a stage process ends with. Argo's retry strategy (and the local runner) read them:
 * 1 is retried with backoff, 2 is never retried.
 * @example
 * ```ts
 * import { StageExitCode } from '@sluice/runtime';
 *
 * const retried = (code: number) => code === StageExitCode.Retriable; // 1 is retried, 2 (Fatal) never
 * ```
 */
export const StageExitCode = {
  /** The stage succeeded. */
  Success: 0,
  /** A transient failure: retry the stage (network blip, preemption, lock timeout, unexpected exception). */
  Retriable: 1,
  /** A permanent failure: do not retry (bad parameters, contract or schema violation, corrupt input). */
  Fatal: 2,
} as const;

/**
 * One of {@link StageExitCode}'s values.
 * @example
 * ```ts
 * import { exitCodeFor, type StageExitCode } from '@sluice/runtime';
 *
 * const code: StageExitCode = exitCodeFor(new Error('timeout'));
 * ```
 */
export type StageExitCode = (typeof StageExitCode)[keyof typeof StageExitCode];

/**
 * A failure worth retrying: the stage exits with code 1 and Argo retries it with backoff.
 * @example
 * ```ts
 * import { RetriableError } from '@sluice/runtime';
 *
 * const response = await fetch('https://api.example.com/orders');
 * if (response.status === 503) throw new RetriableError('source API unavailable, will retry');
 * ```
 */
export class RetriableError extends Error {
  override readonly name: string = 'RetriableError';
  /** The exit code this error ends the stage with. */
  readonly exitCode: StageExitCode = StageExitCode.Retriable;
}

/**
 * A failure that retrying cannot fix: the stage exits with code 2 and Argo does not retry it.
 * @example
 * ```ts
 * import { FatalError } from '@sluice/runtime';
 *
 * const columns = ['order_id', 'amount'];
 * if (!columns.includes('customer_id')) throw new FatalError('source dropped column customer_id');
 * ```
 */
export class FatalError extends Error {
  override readonly name: string = 'FatalError';
  /** The exit code this error ends the stage with. */
  readonly exitCode: StageExitCode = StageExitCode.Fatal;
}

/**
 * The exit code for anything a stage throws: its own code for the two classes above, 2 for a zod validation error
 * (a contract or schema violation cannot be fixed by retrying), 1 for anything unexpected.
 * @example
 * ```ts
 * import { exitCodeFor, FatalError } from '@sluice/runtime';
 *
 * exitCodeFor(new FatalError('bad input')); // 2
 * exitCodeFor(new Error('socket hang up')); // 1: unexpected errors are retried
 * ```
 */
export function exitCodeFor(error: unknown): StageExitCode {
  if (error instanceof FatalError || isZodError(error)) return StageExitCode.Fatal;
  return StageExitCode.Retriable;
}

/** A zod validation error, recognised by its name and issues so that the runtime need not load zod. */
function isZodError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ZodError' && Array.isArray((error as { issues?: unknown }).issues);
}
