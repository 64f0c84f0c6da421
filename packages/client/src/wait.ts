import type { Workflow, WorkflowWatchEvent } from '@sluice/argo-types';
import { NotFoundError, WaitTimeoutError } from './errors.js';
import { backoffDelay, isTransient } from './retry.js';
import type { WorkflowsApi } from './workflows.js';

/**
 * Options of `wait()`.
 * @example
 * ```ts
 * import { createClient, type WaitOptions } from '@sluice/client';
 *
 * const options: WaitOptions = { timeoutMs: 3_600_000, onUpdate: (wf) => console.log(wf.status?.phase) };
 * await createClient({ server: 'https://argo.example.org:2746' }).workflows.wait('nightly-2026-06-17', options);
 * ```
 */
export interface WaitOptions {
  /** Give up after this many milliseconds with a {@link WaitTimeoutError}. No limit by default. */
  readonly timeoutMs?: number;
  /** Stops waiting (the promise rejects with the signal's reason). */
  readonly signal?: AbortSignal;
  /** Called with each workflow state seen, e.g. to print phase changes. */
  readonly onUpdate?: (workflow: Workflow) => void;
  /**
   * A watch stream silent this long is closed and the workflow is read again with a GET (a stream can stay open
   * and quiet after the run has finished, behind some proxies). Default 30,000.
   */
  readonly quietMs?: number;
}

/** The default of {@link WaitOptions.quietMs}. */
export const DEFAULT_QUIET_MS = 30_000;

/**
 * The phases a workflow never leaves.
 * @example
 * ```ts
 * import { finishedPhases } from '@sluice/client';
 *
 * finishedPhases.has('Running'); // false
 * ```
 */
export const finishedPhases: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'Error']);

/**
 * True when the workflow has finished.
 * @example
 * ```ts
 * import { createClient, isFinished } from '@sluice/client';
 *
 * const wf = await createClient({ server: 'https://argo.example.org:2746' }).workflows.get('nightly-2026-06-17');
 * if (isFinished(wf)) console.log(`finished: ${wf.status?.phase}`);
 * ```
 */
export function isFinished(workflow: Workflow | undefined): boolean {
  return finishedPhases.has(workflow?.status?.phase ?? '');
}

/**
 * Waits for a workflow to finish: gets it, then follows its event stream; when the stream ends or breaks it gets
 * the workflow again (nothing is missed between streams) and reconnects with jittered backoff.
 */
export async function waitForWorkflow(
  api: WorkflowsApi,
  name: string,
  options: WaitOptions & { namespace: string },
): Promise<Workflow> {
  const controller = new AbortController();
  const { signal } = controller;
  const onAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let timedOut = false;
  const timer =
    options.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, options.timeoutMs);
  let lastPhase = '';
  const seen = (workflow: Workflow): boolean => {
    lastPhase = workflow.status?.phase ?? lastPhase;
    options.onUpdate?.(workflow);
    return isFinished(workflow);
  };
  const abortedPromise = new Promise<never>((_, reject) => {
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });
  abortedPromise.catch(() => undefined);
  const aborted = () => abortedPromise;
  try {
    for (let reconnects = 0; ; reconnects++) {
      try {
        const current = await Promise.race([api.get(name, { namespace: options.namespace }), aborted()]);
        if (seen(current)) return current;
        // Each connection has its own silence timer: a quiet stream is closed and the loop reads again with a GET.
        const connection = new AbortController();
        const quietMs = options.quietMs ?? DEFAULT_QUIET_MS;
        let quiet = setTimeout(() => connection.abort(), quietMs);
        try {
          const watchSignal = AbortSignal.any([signal, connection.signal]);
          for await (const event of api.watch(name, { namespace: options.namespace, signal: watchSignal })) {
            clearTimeout(quiet);
            quiet = setTimeout(() => connection.abort(), quietMs);
            const done = handle(event, seen, name, options.namespace);
            if (done !== undefined) return done;
          }
        } catch (error) {
          if (!connection.signal.aborted || signal.aborted) throw error;
        } finally {
          clearTimeout(quiet);
        }
        if (connection.signal.aborted && !signal.aborted) {
          reconnects = -1;
          continue;
        }
      } catch (error) {
        if (signal.aborted) break;
        if (!isTransient(error)) throw error;
      }
      if (signal.aborted) break;
      await Promise.race([
        new Promise((resolve) => setTimeout(resolve, backoffDelay(Math.min(reconnects, 5), api.context.retry))),
        aborted(),
      ]).catch(() => undefined);
      if (signal.aborted) break;
    }
    if (timedOut) {
      throw new WaitTimeoutError(`${options.namespace}/${name}`, options.timeoutMs ?? 0, lastPhase);
    }
    throw options.signal?.reason ?? new Error('wait aborted');
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

function handle(
  event: WorkflowWatchEvent,
  seen: (workflow: Workflow) => boolean,
  name: string,
  namespace: string,
): Workflow | undefined {
  const workflow = event.object;
  if (workflow === undefined) return undefined;
  if (event.type === 'DELETED') {
    throw new NotFoundError(404, 5, `workflow ${name} was deleted while waiting for it`, {
      method: 'GET',
      path: `/api/v1/workflow-events/${namespace}`,
    });
  }
  return seen(workflow) ? workflow : undefined;
}
