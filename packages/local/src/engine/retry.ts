import type { RetryStrategy } from '@sluice/argo-types';
import { parseDuration } from '../duration.js';
import { evaluateCondition } from '../expression/evaluate.js';

/**
 * What the last attempt of a node gave, as Argo's `lastRetry.*`.
 * @example
 * ```ts
 * import { decideRetry, type LastAttempt } from '@sluice/local';
 *
 * const last: LastAttempt = { phase: 'Failed', exitCode: 1, message: 'exit code 1', durationSeconds: 12 };
 * decideRetry({ limit: 3 }, last, 0, 12_000, 'templates.extract');
 * ```
 */
export interface LastAttempt {
  /** `Failed` or `Error`. */
  readonly phase: 'Failed' | 'Error';
  /** The exit code, `-1` when there was none. */
  readonly exitCode: number;
  /** The node message. */
  readonly message: string;
  /** Seconds the attempt took. */
  readonly durationSeconds: number;
}

/**
 * The decision after a failed attempt.
 * @example
 * ```ts
 * import { decideRetry, type RetryDecision } from '@sluice/local';
 *
 * const decision: RetryDecision = decideRetry(
 *   { limit: 2, retryPolicy: 'OnFailure', backoff: { duration: '10s', factor: 2 } },
 *   { phase: 'Failed', exitCode: 1, message: 'exit code 1', durationSeconds: 3 },
 *   0,
 *   3_000,
 *   'templates.load',
 * );
 * if (decision.retry) console.log(`retry in ${decision.delayMs} ms`);
 * else console.log(`no retry: ${decision.reason}`);
 * ```
 */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: string };

/** Argo's built-in transient error messages, plus `TRANSIENT_ERROR_PATTERN`. */
const transient =
  /exceeded quota|etcdserver: leader changed|etcdserver: request timed out|resource quota evaluation timed out|leader changed|connection reset by peer|net\/http: TLS handshake timeout|connection refused|i\/o timeout/i;

/**
 * Decides whether a failed attempt is retried, exactly as Argo's controller does: the `retryPolicy` gate first
 * (default `OnFailure`, or `Always` when an `expression` is set), then `limit` (retries after the first attempt;
 * none means no limit), then `expression` over `lastRetry.{exitCode,status,duration,message}` (strings, as in
 * Argo) and `retries`, then `backoff` (`duration × factor^n`, capped by `cap`, and `maxDuration` since the first
 * attempt).
 *
 * @param retriesDone retries already made (0 after the first attempt failed).
 * @param elapsedMs time since the first attempt started.
 * @param where names the template in errors.
 * @example
 * ```ts
 * import { decideRetry } from '@sluice/local';
 *
 * // Exit code 2 (fatal) is not retried by an expression that retries only exit code 1.
 * decideRetry(
 *   { limit: 3, expression: 'asInt(lastRetry.exitCode) == 1' },
 *   { phase: 'Failed', exitCode: 2, message: 'bad input', durationSeconds: 1 },
 *   0,
 *   1_000,
 *   'templates.extract',
 * ); // { retry: false, reason: … }
 * ```
 */
export function decideRetry(
  strategy: RetryStrategy,
  last: LastAttempt,
  retriesDone: number,
  elapsedMs: number,
  where: string,
  env: NodeJS.ProcessEnv = process.env,
): RetryDecision {
  const policy = strategy.retryPolicy || (strategy.expression ? 'Always' : 'OnFailure');
  const gate =
    policy === 'Always' ||
    (policy === 'OnFailure' && last.phase === 'Failed') ||
    (policy === 'OnError' && last.phase === 'Error') ||
    (policy === 'OnTransientError' && isTransient(last.message, env));
  if (!gate) return { retry: false, reason: `retryPolicy ${policy} does not retry a node that ended ${last.phase}` };
  if (strategy.limit !== undefined) {
    const limit = Number(strategy.limit);
    if (!Number.isInteger(limit) || limit < 0) {
      throw new Error(`${where}.retryStrategy.limit: "${strategy.limit}" is not a non-negative integer`);
    }
    if (retriesDone >= limit) return { retry: false, reason: `No more retries left` };
  }
  if (strategy.expression) {
    const scope = {
      retries: String(retriesDone),
      lastRetry: {
        exitCode: String(last.exitCode),
        status: last.phase,
        duration: String(Math.round(last.durationSeconds)),
        message: last.message,
      },
    };
    const ok = evaluateCondition(strategy.expression, scope);
    if (!ok) return { retry: false, reason: `retryStrategy.expression "${strategy.expression}" is false` };
  }
  let delayMs = 0;
  const backoff = strategy.backoff;
  if (backoff?.duration !== undefined) {
    const base = parseDuration(backoff.duration, `${where}.retryStrategy.backoff.duration`);
    const factor = backoff.factor === undefined ? 1 : Number(backoff.factor);
    delayMs = base * factor ** retriesDone;
    if (backoff.cap !== undefined)
      delayMs = Math.min(delayMs, parseDuration(backoff.cap, `${where}.retryStrategy.backoff.cap`));
    if (backoff.maxDuration !== undefined) {
      const max = parseDuration(backoff.maxDuration, `${where}.retryStrategy.backoff.maxDuration`);
      if (elapsedMs + delayMs > max) return { retry: false, reason: 'Max duration limit exceeded' };
    }
  }
  return { retry: true, delayMs };
}

function isTransient(message: string, env: NodeJS.ProcessEnv): boolean {
  if (transient.test(message)) return true;
  const custom = env.TRANSIENT_ERROR_PATTERN;
  return custom !== undefined && custom !== '' && new RegExp(custom).test(message);
}
