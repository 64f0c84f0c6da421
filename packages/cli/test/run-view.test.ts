import type { WorkflowStatus } from '@sluice/argo-types';
import { describe, expect, it } from 'vitest';
import { displayTree, formatElapsed, renderDagView } from '../src/ui/dag-view.js';
import { LiveView } from '../src/ui/live-view.js';
import { PlainProgress } from '../src/ui/plain-progress.js';

const t = (s: number) => new Date(Date.UTC(2026, 5, 17, 0, 0, s)).toISOString();

/** A status as the Argo Server returns it for a DAG with a retried task (ids as Argo makes them). */
const remote: WorkflowStatus = {
  phase: 'Running',
  startedAt: t(0),
  nodes: {
    'etl-abc': {
      id: 'etl-abc',
      name: 'etl-abc',
      displayName: 'etl-abc',
      type: 'DAG',
      phase: 'Running',
      startedAt: t(0),
      children: ['etl-abc-1'],
    },
    'etl-abc-1': {
      id: 'etl-abc-1',
      name: 'etl-abc.extract',
      displayName: 'extract',
      type: 'Pod',
      phase: 'Succeeded',
      boundaryID: 'etl-abc',
      startedAt: t(1),
      finishedAt: t(3),
      children: ['etl-abc-2'],
    },
    'etl-abc-2': {
      id: 'etl-abc-2',
      name: 'etl-abc.transform',
      displayName: 'transform',
      type: 'Retry',
      phase: 'Running',
      boundaryID: 'etl-abc',
      startedAt: t(3),
      children: ['etl-abc-3', 'etl-abc-4'],
    },
    'etl-abc-3': {
      id: 'etl-abc-3',
      name: 'etl-abc.transform(0)',
      displayName: 'transform(0)',
      type: 'Pod',
      phase: 'Failed',
      boundaryID: 'etl-abc',
      startedAt: t(3),
      finishedAt: t(5),
      message: 'Error (exit code 1)',
    },
    'etl-abc-4': {
      id: 'etl-abc-4',
      name: 'etl-abc.transform(1)',
      displayName: 'transform(1)',
      type: 'Pod',
      phase: 'Running',
      boundaryID: 'etl-abc',
      startedAt: t(6),
    },
    'etl-abc-5': {
      id: 'etl-abc-5',
      name: 'etl-abc.load',
      displayName: 'load',
      type: 'Pod',
      phase: 'Pending',
      boundaryID: 'etl-abc',
    },
  },
};

describe('the DAG view (local and remote statuses)', () => {
  it('draws the tree with states, retries and elapsed times, folding attempts into their retry node', () => {
    const lines = renderDagView(remote, { workflow: 'etl-abc', now: Date.parse(t(12)) });
    expect(lines[0]).toBe('etl-abc  Running  12s  1/4 steps');
    expect(lines.slice(1).map((l) => l.trimEnd())).toEqual([
      '● etl-abc      Running        12s',
      '  ✔ extract    Succeeded     2.0s',
      '  ● transform  Running       9.0s  retry 1',
      '  ○ load       Pending',
    ]);
    expect(displayTree(remote.nodes ?? {}).roots.map((n) => n.id)).toEqual(['etl-abc']);
  });

  it('keeps running and failed nodes when a long run does not fit', () => {
    const nodes: WorkflowStatus['nodes'] = {
      root: { id: 'root', name: 'w', type: 'DAG', phase: 'Running', startedAt: t(0) },
    };
    for (let i = 0; i < 50; i++) {
      nodes[`n${i}`] = {
        id: `n${i}`,
        name: `w.t${i}`,
        displayName: `t${i}`,
        type: 'Pod',
        boundaryID: 'root',
        phase: i === 42 ? 'Failed' : 'Succeeded',
        startedAt: t(1),
        finishedAt: t(2),
      };
    }
    const lines = renderDagView(
      { phase: 'Running', startedAt: t(0), nodes },
      { workflow: 'w', now: Date.parse(t(3)), maxLines: 8 },
    );
    expect(lines).toHaveLength(8);
    expect(lines.some((l) => l.includes('✖ t42'))).toBe(true);
    expect(lines.at(-1)).toBe('… 45 more nodes finished');
  });

  it('redraws in place on a terminal', () => {
    let written = '';
    const view = new LiveView({ write: (s: string) => (written += s), columns: 80, rows: 30 }, 'etl-abc');
    view.update(remote);
    view.draw();
    view.update({ ...remote, phase: 'Succeeded', finishedAt: t(20) });
    view.stop();
    expect(written).toContain('\x1b[5F\x1b[0J');
    expect(written).toContain('Succeeded');
  });

  it('prints one line or JSON object per change', () => {
    const lines: string[] = [];
    const progress = new PlainProgress((s) => lines.push(s), 'etl-abc', 'json');
    progress.update(remote);
    progress.update(remote);
    const events = lines.map((l) => JSON.parse(l) as { node: string; retry?: number });
    expect(events.map((e) => e.node)).toEqual(['extract', 'transform(0)', 'transform(1)']);
    expect(events[2]?.retry).toBe(1);
    expect(formatElapsed(125_000)).toBe('2m05s');
  });

  it('prints a leaf entrypoint that errors once, as the workflow line (was printed twice)', () => {
    const lines: string[] = [];
    const progress = new PlainProgress((s) => lines.push(s), 'solo-abc', 'text');
    const root = (phase: string, extra: object = {}) => ({
      'solo-abc': { id: 'solo-abc', name: 'solo-abc', displayName: 'solo-abc', type: 'Pod', phase, ...extra },
    });
    progress.update({ phase: 'Running', startedAt: t(0), nodes: root('Running', { startedAt: t(0) }) });
    const failed = { startedAt: t(0), finishedAt: t(2), message: 'exit code 1' };
    progress.update({
      phase: 'Error',
      startedAt: t(0),
      finishedAt: t(2),
      message: 'exit code 1',
      nodes: root('Error', failed),
    });
    expect(lines).toEqual(['  solo-abc: Running\n', 'solo-abc: Error  2.0s  exit code 1\n']);
  });
});
