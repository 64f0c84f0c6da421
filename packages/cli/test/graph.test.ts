import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './support/io.js';

const fixtures = path.resolve(import.meta.dirname, 'fixtures/entries');
let dir: string;

const dagYaml = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: diamond- }
spec:
  entrypoint: main
  templates:
    - name: leaf
      container: { image: alpine:3.20 }
    - name: main
      dag:
        tasks:
          - { name: a, template: leaf }
          - { name: b, template: leaf, depends: a }
          - { name: c, template: leaf, depends: "a.Failed" }
          - { name: d, template: leaf, depends: "b && c" }
`;
const stepsYaml = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: { name: "say \\"hi\\"" }
spec:
  templates:
    - name: main
      steps:
        - - { name: one, template: leaf }
        - - { name: two-a, template: leaf }
          - { name: two-b, template: leaf }
    - name: leaf
      container: { image: alpine:3.20 }
`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-graph-'));
  fs.writeFileSync(path.join(dir, 'dag.yaml'), dagYaml);
  fs.writeFileSync(path.join(dir, 'steps.yaml'), stepsYaml);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = capture({}, dir);
  const code = await main(['graph', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const cronYaml = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: { name: nightly }
spec:
  schedules: ["0 2 * * *"]
  workflowSpec:
    entrypoint: main
    templates:
      - name: leaf
        container: { image: alpine:3.20 }
      - name: main
        dag:
          tasks: [{ name: x, template: leaf }, { name: y, template: leaf, depends: x }]
`;
const cronRefYaml = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: { name: nightly-ref }
spec:
  schedules: ["0 2 * * *"]
  workflowSpec:
    workflowTemplateRef: { name: lib }
    entrypoint: main
`;
const libYaml = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: { name: lib }
spec:
  templates:
    - name: leaf
      container: { image: alpine:3.20 }
    - name: main
      dag:
        tasks: [{ name: p, template: leaf }, { name: q, template: leaf, depends: p }]
`;

describe('workflow graph on a CronWorkflow printed an empty flowchart and exited 0', () => {
  it('draws the CronWorkflow’s workflowSpec', async () => {
    fs.writeFileSync(path.join(dir, 'cron.yaml'), cronYaml);
    const { code, out } = await run(['cron.yaml']);
    expect(code).toBe(0);
    expect(out).toContain('subgraph c0_0["nightly / main (dag)"]');
    expect(out).toContain('    c0_0_0 --> c0_0_1\n');
  });

  it('draws a workflowTemplateRef from the referenced WorkflowTemplate given alongside', async () => {
    fs.writeFileSync(path.join(dir, 'cron-ref.yaml'), cronRefYaml);
    fs.writeFileSync(path.join(dir, 'lib.yaml'), libYaml);
    const { code, out } = await run(['cron-ref.yaml', 'lib.yaml']);
    expect(code).toBe(0);
    expect(out).toContain('subgraph c0_0["nightly-ref → lib / main (dag)"]');
  });

  it('draws a referenced WorkflowTemplate once, as a pipeline compiles it (was drawn by each referrer and alone)', async () => {
    const oneOff = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: once }
spec:
  workflowTemplateRef: { name: lib }
`;
    fs.writeFileSync(path.join(dir, 'all.yaml'), [libYaml, cronRefYaml, oneOff].join('---\n'));
    const { code, out } = await run(['all.yaml']);
    expect(code).toBe(0);
    expect(out.match(/subgraph /g)).toHaveLength(1);
    expect(out).toContain('nightly-ref → lib / main (dag)');
  });

  it('says why there is nothing to draw and exits 1', async () => {
    const { code, out, err } = await run(['cron-ref.yaml']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      'workflow graph: nothing to draw: CronWorkflow nightly-ref uses workflowTemplateRef lib, which is not among the given files; give its file too\n',
    );
    fs.writeFileSync(path.join(dir, 'leaf.yaml'), dagYaml.replace(/ {4}- name: main\n[\s\S]*$/, ''));
    expect((await run(['leaf.yaml'])).err).toBe(
      'workflow graph: nothing to draw: Workflow diamond- has no DAG or steps template (only leaf templates: containers, scripts, …)\n',
    );
  });
});

describe('workflow graph', () => {
  it('draws a DAG as Mermaid, entrypoint first, labelling non-success dependencies', async () => {
    const { code, out } = await run(['dag.yaml']);
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'flowchart TD',
        '  subgraph c0_0["diamond- / main (dag)"]',
        '    c0_0_0["a"]',
        '    c0_0_1["b"]',
        '    c0_0_2["c"]',
        '    c0_0_3["d"]',
        '    c0_0_0 --> c0_0_1',
        '    c0_0_0 -->|Failed| c0_0_2',
        '    c0_0_1 --> c0_0_3',
        '    c0_0_2 --> c0_0_3',
        '  end',
        '',
      ].join('\n'),
    );
  });

  it('draws steps as sequential groups in Graphviz, escaping quotes', async () => {
    const { code, out } = await run(['steps.yaml', '-o', 'dot']);
    expect(code).toBe(0);
    expect(out).toBe(
      [
        'digraph workflow {',
        '  rankdir=TB;',
        '  node [shape=box];',
        '  subgraph "cluster_c0_0" {',
        '    label="say \\"hi\\" / main (steps)";',
        '    "c0_0_0_0" [label="one"];',
        '    "c0_0_1_0" [label="two-a"];',
        '    "c0_0_1_1" [label="two-b"];',
        '    "c0_0_0_0" -> "c0_0_1_0";',
        '    "c0_0_0_0" -> "c0_0_1_1";',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('draws the workflows a TypeScript entry exports', async () => {
    const { code, out } = await run([path.join(fixtures, 'hello-entry.ts')]);
    expect(code).toBe(0);
    expect(out).toContain('subgraph c0_0["hello- / main (dag)"]');
    expect(out).toContain('    c0_0_0 --> c0_0_1\n');
  });

  it('exits 2 on usage errors and has help with an example', async () => {
    expect((await run(['dag.yaml', '-o', 'png'])).err).toContain(
      '-o/--output: unknown format "png"; use mermaid or dot',
    );
    expect((await run([])).code).toBe(2);
    expect((await run(['dag.yaml', 'steps.yaml'])).code).toBe(0);
    expect((await run(['--help'])).out).toContain('Examples:\n  workflow graph pipeline.ts');
  });
});
