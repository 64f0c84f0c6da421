import { ArgoServerError, TransportError, UnavailableError } from './errors.js';

/**
 * How safe calls are retried: exponential backoff with full jitter, capped.
 * @example
 * ```ts
 * import { createClient, defaultRetryPolicy, type RetryPolicy } from '@sluice/client';
 *
 * const patient: RetryPolicy = { ...defaultRetryPolicy, retries: 8, maxDelayMs: 30_000 };
 * const client = createClient({ server: 'https://argo.example.org:2746', retry: patient });
 * ```
 */
export interface RetryPolicy {
  /** Retries after the first attempt. Default 4. */
  readonly retries: number;
  /** The first backoff ceiling in milliseconds; doubled each attempt. Default 200. */
  readonly baseDelayMs: number;
  /** The largest backoff in milliseconds. Default 5000. */
  readonly maxDelayMs: number;
  /** Source of randomness in [0, 1) for the jitter. Default `Math.random`. */
  readonly random: () => number;
}

/**
 * The default {@link RetryPolicy}.
 * @example
 * ```ts
 * import { backoffDelay, defaultRetryPolicy } from '@sluice/client';
 *
 * const firstWait = backoffDelay(1, defaultRetryPolicy); // at most 200 ms
 * ```
 */
export const defaultRetryPolicy: RetryPolicy = {
  retries: 4,
  baseDelayMs: 200,
  maxDelayMs: 5000,
  random: Math.random,
};

/**
 * The delay before retry number `attempt` (0 for the first retry): a uniformly random value in
 * `[0, min(maxDelayMs, baseDelayMs · 2^attempt))`, the "full jitter" scheme, so many clients retrying at once spread out.
 * @example
 * ```ts
 * import { backoffDelay, defaultRetryPolicy } from '@sluice/client';
 *
 * const waits = [1, 2, 3].map((attempt) => backoffDelay(attempt, { ...defaultRetryPolicy, random: () => 1 }));
 * ```
 */
export function backoffDelay(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(policy.random() * ceiling);
}

/** Transport errors that mean the request may not have reached the server, or its answer was lost. */
const transientCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EAI_AGAIN',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);

/**
 * True for failures worth retrying on a safe call: 502, 503, 504 (and gRPC Unavailable), connection resets,
 * refusals and timeouts. Never for 4xx answers.
 * @example
 * ```ts
 * import { isTransient, UnavailableError } from '@sluice/client';
 *
 * isTransient(new UnavailableError(503, 14, 'upstream connect error', { method: 'GET', path: '/api/v1/version' })); // true
 * ```
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof UnavailableError) return true;
  if (error instanceof ArgoServerError) return error.status === 502 || error.status === 503 || error.status === 504;
  if (error instanceof TransportError) return transientCodes.has(error.code);
  return false;
}

/**
 * Runs `attempt` until it succeeds, fails with an error `retryable` rejects (default {@link isTransient}), or the
 * retries run out.
 * `attempt` receives the attempt number (0 first) so an idempotent create can tell a retry from the first try.
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  sleep: (ms: number) => Promise<void> = delay,
  retryable: (error: unknown) => boolean = isTransient,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= policy.retries || !retryable(error)) throw error;
      await sleep(backoffDelay(n, policy));
    }
  }
}

/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
