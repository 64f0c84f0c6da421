import type { NodeStatus, WorkflowStatus } from '@sluice/argo-types';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { PlainProgress } from '../src/ui/plain-progress.js';

/**
 * Bug 9: the plain printer walked every node on every change (87% of a 10,000-node run). Fed the ids that changed,
 * it must print exactly what the full walk prints, for any order of changes.
 */
it('bug 9: fed the changed node ids, the plain printer prints the same lines as walking every node', () => {
  const phases = ['Pending', 'Running', 'Succeeded', 'Failed'] as const;
  const change = fc.record({ node: fc.nat({ max: 5 }), phase: fc.constantFrom(...phases) });
  fc.assert(
    fc.property(fc.array(change, { maxLength: 30 }), (changes) => {
      const status: WorkflowStatus & { nodes: Record<string, NodeStatus> } = { phase: 'Running', nodes: {} };
      status.nodes.r = {
        id: 'r',
        name: 'wf.retry',
        displayName: 'retry',
        type: 'Retry',
        phase: 'Running',
        children: [],
      };
      const full: string[] = [];
      const incremental: string[] = [];
      const a = new PlainProgress((t) => void full.push(t), 'wf', 'text');
      const b = new PlainProgress((t) => void incremental.push(t), 'wf', 'text');
      for (const { node, phase } of changes) {
        const id = `n${node}`;
        const changed = [id];
        if (status.nodes[id] === undefined) {
          // Nodes 0 and 1 are attempts of the Retry node: its children list changes with them.
          if (node < 2) {
            status.nodes.r?.children?.push(id);
            changed.push('r');
          }
        }
        status.nodes[id] = { id, name: `wf.${id}`, displayName: id, type: 'Pod', phase };
        a.update(status);
        b.update(status, changed);
      }
      status.phase = 'Succeeded';
      a.update(status);
      b.update(status, []);
      expect(incremental).toEqual(full);
    }),
  );
});
