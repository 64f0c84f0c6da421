import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { NodeStatus, WorkflowStatus } from '@sluice/argo-types';
import type { RetryWait } from '@sluice/local';
import { printable } from '@sluice/runtime';
import { formatElapsed } from './dag-view.js';

/** A step that failed for good: its last attempt, under the step's display name. */
export interface FailedStep {
  /** The display name (`extract`, not `extract(2)` nor a node id). */
  readonly step: string;
  readonly exitCode: string | undefined;
  readonly reason: string;
  /** The node id of the last attempt (its log is `logs/<id>.log` in the run directory). */
  readonly id: string;
}

/** The line printed before a retry: `retrying extract in 30s (attempt 2 of 4, after: Error (exit code 1))`. */
export function retryLine(wait: RetryWait): string {
  const of = wait.attempts === undefined ? `attempt ${wait.attempt}` : `attempt ${wait.attempt} of ${wait.attempts}`;
  const when =
    wait.delayMs > 0
      ? `in ${formatElapsed(wait.delayMs)}`
      : wait.backoffMs > 0
        ? `now (back-off of ${formatElapsed(wait.backoffMs)} skipped: --no-backoff)`
        : 'now';
  return `retrying ${wait.step} ${when} (${of}, after: ${wait.reason})`;
}

/**
 * The steps whose last attempt ran and failed, in the order they started (a step that never started, such as one
 * missing an input, is reported by the workflow's message instead).
 */
export function failedSteps(status: WorkflowStatus): FailedStep[] {
  const nodes = status.nodes ?? {};
  const retryParent = new Map<string, NodeStatus>();
  for (const node of Object.values(nodes)) {
    if (node.type === 'Retry') for (const child of node.children ?? []) retryParent.set(child, node);
  }
  const failed: (FailedStep & { startedAt: string })[] = [];
  for (const node of Object.values(nodes)) {
    if (node.type !== 'Pod' || (node.phase !== 'Failed' && node.phase !== 'Error')) continue;
    if (node.outputs?.exitCode === undefined) continue;
    const parent = retryParent.get(node.id);
    if (parent !== undefined && parent.children?.at(-1) !== node.id) continue;
    failed.push({
      step: (parent ?? node).displayName ?? node.displayName ?? node.name,
      exitCode: node.outputs?.exitCode,
      reason: node.message ?? node.phase,
      id: node.id,
      startedAt: node.startedAt ?? '',
    });
  }
  return failed.sort((a, b) => a.startedAt.localeCompare(b.startedAt)).map(({ startedAt: _, ...step }) => step);
}

/** The workflow message with node ids (`child 'etl-5bwhp-1614' failed`) replaced by the steps' display names. */
export function readableMessage(status: WorkflowStatus): string | undefined {
  const nodes = status.nodes ?? {};
  return status.message?.replace(/child '([^']+)' failed/g, (whole, id: string) => {
    const node = nodes[id];
    return node === undefined ? whole : `step ${node.displayName ?? node.name} failed`;
  });
}

/**
 * The failed-run summary: each failed step by display name with its exit code, the reason, the last `lines` lines
 * of its log and the log's path (relative to `cwd`).
 */
export async function formatFailures(status: WorkflowStatus, runDir: string, cwd: string, lines = 20): Promise<string> {
  let out = '';
  for (const step of failedSteps(status)) {
    const log = path.resolve(cwd, runDir, 'logs', `${step.id}.log`);
    const text = await readFile(log, 'utf8').catch(() => undefined);
    const code = step.exitCode === undefined ? '' : ` (exit code ${step.exitCode})`;
    out += `\nfailed: ${printable(step.step)}${code}: ${printable(step.reason)}\n`;
    if (text !== undefined && text.trim() !== '') {
      const tail = text.trimEnd().split('\n').slice(-lines);
      out += `  last ${tail.length} log line(s):\n${tail.map((l) => `    ${l}`).join('\n')}\n`;
    }
    out += `  log: ${path.relative(cwd, log) || log}\n`;
  }
  return out;
}
