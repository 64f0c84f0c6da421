import type { NodeStatus, WorkflowStatus } from '@sluice/argo-types';

/**
 * Where a retried step's time went: its attempts' own running time, and the back-off waits between them.
 * @example
 * ```ts
 * import { type RetryTime, retryTimes, runWorkflow } from '@sluice/local';
 *
 * const run = await runWorkflow([]);
 * const slowest: RetryTime | undefined = retryTimes(run.status, Date.now()).sort((a, b) => b.waitingMs - a.waitingMs)[0];
 * ```
 */
export interface RetryTime {
  /** The Retry node's id. */
  readonly id: string;
  /** The step's display name. */
  readonly step: string;
  /** How many attempts started. */
  readonly attempts: number;
  /** The attempts' running time, summed, in ms. */
  readonly runningMs: number;
  /** The time between one attempt's end and the next one's start, summed, in ms: the back-off waits. */
  readonly waitingMs: number;
}

function spanMs(node: NodeStatus, now: number): { start: number; end: number } | undefined {
  if (!node.startedAt) return undefined;
  const start = Date.parse(node.startedAt);
  const end = node.finishedAt ? Date.parse(node.finishedAt) : now;
  return { start, end: Math.max(start, end) };
}

/**
 * Splits every retried step's time (a `Retry` node of an Argo status, local or from a cluster) into running and
 * waiting, from its attempts' start and finish times: what a report shows apart, so a 30 s back-off is not read
 * as a slow step. Steps with a retry strategy that ran once are left out.
 *
 * @param now the time a still-running attempt is measured to (ms since the epoch).
 * @example
 * ```ts
 * import { retryTimes, runWorkflow } from '@sluice/local';
 *
 * const result = await runWorkflow([]);
 * for (const r of retryTimes(result.status, Date.now()))
 *   console.log(`${r.step}: ${r.attempts} attempts, ran ${r.runningMs} ms, waited ${r.waitingMs} ms`);
 * ```
 */
export function retryTimes(status: WorkflowStatus, now: number): RetryTime[] {
  const nodes = (status.nodes ?? {}) as Record<string, NodeStatus>;
  const found: RetryTime[] = [];
  for (const node of Object.values(nodes)) {
    if (node.type !== 'Retry') continue;
    const spans = (node.children ?? [])
      .map((id) => nodes[id])
      .filter((child) => child !== undefined)
      .map((child) => spanMs(child, now))
      .filter((span) => span !== undefined)
      .sort((a, b) => a.start - b.start);
    if (spans.length < 2) continue;
    let runningMs = 0;
    let waitingMs = 0;
    spans.forEach((span, i) => {
      runningMs += span.end - span.start;
      const before = spans[i - 1];
      if (before !== undefined) waitingMs += Math.max(0, span.start - before.end);
    });
    found.push({ id: node.id, step: node.displayName ?? node.name, attempts: spans.length, runningMs, waitingMs });
  }
  return found.sort((a, b) => a.step.localeCompare(b.step));
}
