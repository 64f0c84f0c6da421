import type { NodeStatus, WorkflowStatus } from '@sluice/argo-types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderReport, stageCounts } from '../src/index.js';
import { layoutGraph } from '../src/report/layout.js';

const at = (s: number) => new Date(Date.UTC(2026, 5, 17, 0, 0, s)).toISOString();
const node = (id: string, children: string[] = [], extra: Partial<NodeStatus> = {}): NodeStatus => ({
  id,
  name: `wf.${id}`,
  displayName: id,
  type: 'Pod',
  phase: 'Succeeded',
  startedAt: at(1),
  finishedAt: at(2),
  children,
  ...extra,
});

describe('the report', () => {
  it('lays a diamond out in three layers with the join under both branches', () => {
    const layout = layoutGraph({ a: node('a', ['b', 'c']), b: node('b', ['d']), c: node('c', ['d']), d: node('d') });
    const layer = Object.fromEntries(layout.placed.map((p) => [p.node.id, p.layer]));
    expect(layer).toEqual({ a: 0, b: 1, c: 1, d: 2 });
    expect(layout.width).toBe(2);
    expect(layout.edges).toHaveLength(4);
  });

  it('places every node of any DAG exactly once, each below all of its parents', () => {
    const dag = fc.integer({ min: 1, max: 30 }).chain((n) =>
      fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 60 }).map((pairs) => {
        const nodes: Record<string, NodeStatus> = {};
        for (let i = 0; i < n; i++) nodes[`n${i}`] = node(`n${i}`);
        for (const [x, y] of pairs) {
          if (x === y) continue;
          const [from, to] = x < y ? [x, y] : [y, x];
          nodes[`n${from}`]?.children?.push(`n${to}`);
        }
        return nodes;
      }),
    );
    fc.assert(
      fc.property(dag, (nodes) => {
        const layout = layoutGraph(nodes);
        expect(layout.placed.map((p) => p.node.id).sort()).toEqual(Object.keys(nodes).sort());
        const layer = new Map(layout.placed.map((p) => [p.node.id, p.layer]));
        for (const [from, to] of layout.edges) expect(layer.get(to) ?? 0).toBeGreaterThan(layer.get(from) ?? 0);
        const slots = new Set(layout.placed.map((p) => `${p.layer}/${p.slot}`));
        expect(slots.size).toBe(layout.placed.length);
      }),
    );
  });

  it('escapes everything from the workflow and loads nothing', () => {
    const status: WorkflowStatus = {
      phase: 'Failed',
      startedAt: at(0),
      finishedAt: at(5),
      message: '<img src=x onerror=alert(1)>',
      nodes: {
        x: node('x', [], { displayName: '<script>alert(1)</script>', phase: 'Failed', message: '"quoted" & <b>' }),
      },
    };
    const html = renderReport({ workflow: 'wf<1>', status, counts: [], generatedAt: at(6) });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;b&gt;');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<[a-z]+[^>]*\s(src|href)=/);
  });

  it('reads dead-letter and validation counts from output parameters and metrics files', () => {
    const nodes = [
      node('validate', [], {
        outputs: {
          parameters: [
            { name: 'dead-letters', value: '12' },
            { name: 'validation-checked-rows', value: 'n/a' },
            { name: 'valid-rows', value: '88' },
          ],
        },
      }),
      node('features'),
    ];
    const metrics = new Map([
      [
        'features',
        '# TYPE sluice_validation_failed_rows_total counter\nsluice_validation_failed_rows_total{stage="f"} 4\nsluice_dead_letter_rows 2\n',
      ],
    ]);
    expect(stageCounts(nodes, metrics).map((c) => [c.node, c.name, c.value])).toEqual([
      ['validate', 'dead-letter-rows', 12],
      ['validate', 'valid-rows', 88],
      ['features', 'validation-failed-rows', 4],
      ['features', 'dead-letter-rows', 2],
    ]);
  });
});
