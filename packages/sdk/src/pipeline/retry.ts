import type { RetryStrategy } from '@sluice/argo-types';
import { DEFAULT_BACKOFF, DEFAULT_RETRY_LIMIT } from './defaults.js';
import type { RetryOptions } from './options.js';

/**
 * Retry exit code 1 (retriable) only; exit code 2 (fatal) and anything else fail the node for good.
 * @example
 * ```ts
 * import { container, EXIT_CODE_1_ONLY } from '@sluice/sdk';
 *
 * const flaky = container({
 *   name: 'flaky',
 *   retryStrategy: { limit: 3, expression: EXIT_CODE_1_ONLY }, // exit 2 (fatal) is never retried
 *   container: { image: 'busybox:1.36' },
 * });
 * ```
 */
export const EXIT_CODE_1_ONLY = "lastRetry.exitCode == '1'";

/**
 * Also retry pod disruptions: a deleted pod (drain, spot preemption) is an Error node with "pod deleted"; an
 * eviction or node shutdown is a Failed node with the kubelet's message. Argo counts these retries against the
 * limit (its automatic pod restarts, `failedPodRestart`, cover pods killed before `main` started).
 * @example
 * ```ts
 * import { container, DISRUPTIONS, EXIT_CODE_1_ONLY } from '@sluice/sdk';
 *
 * const preemptible = container({
 *   name: 'preemptible',
 *   retryStrategy: { limit: 3, expression: `${EXIT_CODE_1_ONLY} || ${DISRUPTIONS}` },
 *   container: { image: 'busybox:1.36' },
 * });
 * ```
 */
export const DISRUPTIONS =
  "lastRetry.status == 'Error' || lastRetry.message matches 'pod deleted|imminent node shutdown|[Ee]vict|low on resource|DisruptionTarget'";

/** Normalises a retries option (number or object) into full retry options. */
export function retryOptions(value: number | RetryOptions | undefined): Required<RetryOptions> {
  const given: RetryOptions = typeof value === 'number' ? { limit: value } : (value ?? {});
  return {
    limit: given.limit ?? DEFAULT_RETRY_LIMIT,
    disruptions: given.disruptions ?? true,
    backoff: given.backoff ?? DEFAULT_BACKOFF.duration,
    factor: given.factor ?? DEFAULT_BACKOFF.factor,
    maxBackoff: given.maxBackoff ?? DEFAULT_BACKOFF.cap,
  };
}

/**
 * The Argo `retryStrategy` for a stage, or `undefined` when retries are off.
 *
 * @example
 * ```yaml
 * retryStrategy:
 *   limit: 3
 *   retryPolicy: Always
 *   expression: lastRetry.exitCode == '1' || lastRetry.status == 'Error' || …
 *   backoff: { duration: 30s, factor: 2, cap: 10m }
 * ```
 */
export function retryStrategy(options: Required<RetryOptions>): RetryStrategy | undefined {
  if (options.limit <= 0) return undefined;
  return {
    limit: options.limit,
    retryPolicy: 'Always',
    expression: options.disruptions ? `${EXIT_CODE_1_ONLY} || ${DISRUPTIONS}` : EXIT_CODE_1_ONLY,
    backoff: { duration: options.backoff, factor: options.factor, cap: options.maxBackoff },
  };
}
