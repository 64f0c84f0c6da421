import type { NodeStatus, WorkflowStatus } from '@sluice/argo-types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryTimes } from '../src/index.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A status with one Retry node whose attempts ran for `runs[i]` ms, with `gaps[i]` ms before attempt i + 1. */
function retried(runs: readonly number[], gaps: readonly number[]): WorkflowStatus {
  const nodes: Record<string, NodeStatus> = {};
  let at = Date.UTC(2026, 5, 17);
  const children = runs.map((run, i) => {
    const id = `wf-${i + 1}`;
    nodes[id] = { id, name: `wf(${i})`, type: 'Pod', startedAt: iso(at), finishedAt: iso(at + run) } as NodeStatus;
    at += run + (gaps[i] ?? 0);
    return id;
  });
  nodes.wf = { id: 'wf', name: 'wf', displayName: 'extract', type: 'Retry', children } as NodeStatus;
  return { nodes } as WorkflowStatus;
}

describe('retryTimes', () => {
  it('splits a retried step into its attempts’ running time and the waits between them', () => {
    const [time] = retryTimes(retried([1000, 2000, 500], [30_000, 60_000]), 0);
    expect(time).toEqual({ id: 'wf', step: 'extract', attempts: 3, runningMs: 3500, waitingMs: 90_000 });
  });

  it('leaves out a step that ran once', () => {
    expect(retryTimes(retried([1000], []), 0)).toEqual([]);
  });

  it('measures a running attempt to now, and the whole span is running plus waiting', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(100_000), { minLength: 2, maxLength: 8 }),
        fc.array(fc.nat(100_000), { minLength: 8, maxLength: 8 }),
        (runs, gaps) => {
          const [time] = retryTimes(retried(runs, gaps), 0);
          expect(time?.runningMs).toBe(runs.reduce((a, b) => a + b, 0));
          expect(time?.waitingMs).toBe(gaps.slice(0, runs.length - 1).reduce((a, b) => a + b, 0));
        },
      ),
    );
    const status = retried([1000, 1000], [5000]);
    const last = status.nodes?.['wf-2'] as { finishedAt?: string; startedAt?: string };
    delete last.finishedAt;
    const now = Date.parse(last.startedAt ?? '') + 250;
    expect(retryTimes(status, now)[0]).toMatchObject({ runningMs: 1250, waitingMs: 5000 });
  });
});
