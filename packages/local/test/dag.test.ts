import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byName, param, runYaml } from './support/run.js';

const echo = `
  - name: echo
    inputs: { parameters: [{ name: msg }] }
    outputs: { parameters: [{ name: out, valueFrom: { path: /tmp/out } }] }
    script:
      image: bash:5.2
      command: [bash]
      source: |
        cat > /tmp/out <<'END'
        {{inputs.parameters.msg}}
        END
        echo "said $(cat /tmp/out)"
`;

describe('DAG ordering and parameter passing', () => {
  it('runs a diamond in dependency order and passes outputs down', async () => {
    const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: diamond- }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: A, template: echo, arguments: { parameters: [{ name: msg, value: a }] } }
      - { name: B, depends: A, template: echo, arguments: { parameters: [{ name: msg, value: "{{tasks.A.outputs.parameters.out}}-b" }] } }
      - { name: C, depends: A, template: echo, arguments: { parameters: [{ name: msg, value: "{{tasks.A.outputs.result}}-c" }] } }
      - { name: D, depends: B && C, template: echo, arguments: { parameters: [{ name: msg, value: "{{tasks.B.outputs.parameters.out}}+{{tasks.C.outputs.parameters.out}}" }] } }
${echo}`);
    expect(run.status.phase).toBe('Succeeded');
    const n = byName(run);
    expect(param(n.D, 'out')).toBe('a-b+said a-c');
    expect(n.A?.outputs?.result).toBe('said a');
    for (const [before, after] of [
      ['A', 'B'],
      ['A', 'C'],
      ['B', 'D'],
      ['C', 'D'],
    ] as const) {
      expect(Date.parse(n[after]?.startedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(n[before]?.finishedAt ?? ''));
    }
    // Argo's graph: the DAG node's children are the roots; each task's children are its dependents.
    const root = run.status.nodes?.[n.main?.id ?? run.runId];
    expect(root?.type).toBe('DAG');
    expect(n.A?.children?.sort()).toEqual([n.B?.id, n.C?.id].sort());
    expect(n.B?.children).toEqual([n.D?.id]);
    const saved = JSON.parse(readFileSync(`${run.runDir}/status.json`, 'utf8'));
    expect(saved.phase).toBe('Succeeded');
    expect(Object.keys(saved.nodes)).toHaveLength(5);
  });

  it('fans out over withItems, withParam and withSequence and aggregates outputs as JSON lists', async () => {
    const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: fan }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - name: items
        template: echo
        arguments: { parameters: [{ name: msg, value: "{{item.name}}" }] }
        withItems: [{ name: x }, { name: y }, { name: z }]
      - name: list
        template: emit
      - name: param
        depends: list
        template: echo
        arguments: { parameters: [{ name: msg, value: "p{{item}}" }] }
        withParam: "{{tasks.list.outputs.result}}"
      - name: seq
        template: echo
        arguments: { parameters: [{ name: msg, value: "s{{item}}" }] }
        withSequence: { start: "1", end: "3", format: "%02d" }
      - name: sum
        depends: items && param && seq
        template: echo
        arguments: { parameters: [{ name: msg, value: "{{tasks.items.outputs.parameters.out}}|{{tasks.param.outputs.parameters.out}}|{{tasks.seq.outputs.parameters.out}}" }] }
  - name: emit
    script: { image: python:3.12, command: [python3], source: "import json; print(json.dumps([1, 2]))" }
${echo}`);
    expect(run.status.phase).toBe('Succeeded');
    const n = byName(run);
    expect(param(n.sum, 'out')).toBe('["x","y","z"]|["p1","p2"]|["s01","s02","s03"]');
    expect(n.items?.type).toBe('TaskGroup');
    expect(n.items?.children).toHaveLength(3);
    expect(n['seq(0:01)']?.phase).toBe('Succeeded');
  });
});
