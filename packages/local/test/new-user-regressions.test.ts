import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { itemLabel } from '../src/engine/loops.js';
import { evaluateExpression } from '../src/expression/evaluate.js';
import { jsonpath } from '../src/expression/jsonpath.js';
import { runWorkflow, UnrunnableTemplatesError, WorkflowInputError } from '../src/index.js';
import { byName, param, runYaml, tempProject } from './support/run.js';

describe('regressions found by a new-user trial', () => {
  it('global outputs: a later task sees workflow.outputs.parameters and .artifacts set by an earlier one', async () => {
    const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: globals }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: a, template: train }
      - name: b
        depends: a
        template: use
        arguments:
          parameters: [{ name: model, value: "{{workflow.outputs.parameters.best-model}}" }]
          artifacts: [{ name: report, from: "{{workflow.outputs.artifacts.report}}" }]
  - name: train
    outputs:
      parameters: [{ name: model, globalName: best-model, valueFrom: { path: /tmp/model } }]
      artifacts: [{ name: report, globalName: report, path: /tmp/report.txt }]
    script: { image: bash:5.2, command: [bash], source: "printf m-42 > /tmp/model; printf ok > /tmp/report.txt" }
  - name: use
    inputs:
      parameters: [{ name: model }]
      artifacts: [{ name: report, path: /in/report.txt }]
    script: { image: bash:5.2, command: [bash], source: 'echo "{{inputs.parameters.model}}:$(cat /in/report.txt)"' }
`);
    expect(run.status.phase).toBe('Succeeded');
    expect(byName(run).b?.outputs?.result).toBe('m-42:ok');
  });

  it('local-command annotation: a substituted value holding quotes (a JSON list) stays one argument', async () => {
    const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: quoted }
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: fan
        template: emit
        withItems: [a, b]
    - - name: validate
        template: echo-arg
        arguments: { parameters: [{ name: rows, value: "{{steps.fan.outputs.parameters.n}}" }] }
  - name: emit
    outputs: { parameters: [{ name: n, valueFrom: { path: /tmp/n } }] }
    script: { image: bash:5.2, command: [bash], source: 'printf "x\\"y" > /tmp/n' }
  - name: echo-arg
    metadata:
      annotations:
        sluice.dev/local-command: '["node","-e","console.log(process.argv[1])","{{inputs.parameters.rows}}"]'
    inputs: { parameters: [{ name: rows }] }
    container: { image: ghcr.io/acme/stages:1.0.0, command: [node] }
`);
    expect(run.status.phase).toBe('Succeeded');
    expect(JSON.parse(byName(run).validate?.outputs?.result ?? '')).toEqual(['x"y', 'x"y']);
  });

  it('sprig and jsonpath in {{= }} run locally, as pipeline() compiles into its CronWorkflow', async () => {
    const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: sprig }
spec:
  entrypoint: main
  arguments:
    parameters: [{ name: cfg, value: '{"table":{"name":"Users"}}' }]
  templates:
  - name: main
    inputs:
      parameters:
      - { name: day, value: "{{=sprig.trunc(10, workflow.creationTimestamp.RFC3339)}}" }
      - { name: table, value: "{{=sprig.lower(jsonpath(workflow.parameters.cfg, '$.table.name'))}}" }
    outputs: { parameters: [{ name: out, valueFrom: { path: /tmp/out } }] }
    script: { image: bash:5.2, command: [bash], source: 'printf "{{inputs.parameters.day}}/{{inputs.parameters.table}}" > /tmp/out' }
`);
    expect(run.status.phase).toBe('Succeeded');
    expect(param(byName(run).sprig, 'out')).toMatch(/^\d{4}-\d{2}-\d{2}\/users$/);
  });

  it('pre-run check: a {{= }} expression that does not parse is refused before anything runs', async () => {
    const cwd = tempProject();
    const promise = runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: bad-expr }
spec:
  entrypoint: main
  templates:
  - name: main
    script: { image: bash:5.2, command: [bash], source: 'echo "{{=sprig.trunc(10, }}"' }
`,
      { cwd },
    );
    await expect(promise).rejects.toThrow(WorkflowInputError);
    await expect(promise).rejects.toThrow(/templates\.main\.script\.source: cannot evaluate expression "sprig\.trunc/);
    expect(existsSync(path.join(cwd, '.sluice'))).toBe(false);
  });

  it('pre-run check: a missing executable is refused naming the template and the command', async () => {
    const promise = runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: missing-tool }
spec:
  entrypoint: main
  templates:
  - name: main
    metadata: { annotations: { sluice.dev/local-command: '["no-such-tool-7f3a","run"]' } }
    container: { image: ghcr.io/acme/tool:1.0.0 }
`);
    await expect(promise).rejects.toThrow(UnrunnableTemplatesError);
    await expect(promise).rejects.toThrow(/templates\.main: its command "no-such-tool-7f3a" is not on PATH/);
  });

  it('runner-internal errors (a command that cannot be started) are not retried with backoff', async () => {
    const started = Date.now();
    const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: no-retry }
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: spawn
        template: tool
        arguments: { parameters: [{ name: cmd, value: no-such-tool-7f3a }] }
        continueOn: { error: true }
  - name: tool
    inputs: { parameters: [{ name: cmd }] }
    retryStrategy: { limit: 3, retryPolicy: Always, backoff: { duration: 30s, factor: 2 } }
    metadata: { annotations: { sluice.dev/local-command: '["{{inputs.parameters.cmd}}"]' } }
    container: { image: ghcr.io/acme/tool:1.0.0 }
`);
    expect(Date.now() - started).toBeLessThan(10_000);
    const spawn = byName(run).spawn;
    expect(spawn?.phase).toBe('Error');
    expect(spawn?.message).toMatch(/cannot start "no-such-tool-7f3a"/);
    expect(spawn?.children).toHaveLength(1);
  });

  it('a dependency cycle is bad input: nothing runs and no run directory is created', async () => {
    const cwd = tempProject();
    const promise = runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: cycle- }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: a, template: s, depends: c }
      - { name: b, template: s, depends: a }
      - { name: c, template: s, depends: b }
  - name: s
    script: { image: bash:5.2, command: [bash], source: "echo 1" }
`,
      { cwd },
    );
    await expect(promise).rejects.toThrow(WorkflowInputError);
    await expect(promise).rejects.toThrow(
      /nothing was run[\s\S]*templates\.main\.tasks dependency cycle detected: a->c->b->a/,
    );
    expect(existsSync(path.join(cwd, '.sluice'))).toBe(false);
  });

  it('an entrypoint typo is refused with a did-you-mean', async () => {
    const promise = runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: typo }
spec:
  entrypoint: mian
  templates:
  - name: main
    script: { image: bash:5.2, command: [bash], source: "echo 1" }
`);
    await expect(promise).rejects.toThrow(/spec\.entrypoint: template name 'mian' undefined: did you mean 'main'\?/);
  });

  it('loop node names for map items are formatted as Argo does: sorted key:value pairs', async () => {
    const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: maps }
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - name: tables
        template: t
        arguments: { parameters: [{ name: n, value: "{{item.name}}" }] }
        withItems: [{ size: 10, name: users }, { name: orders, size: 2, tags: [a, b] }]
  - name: t
    inputs: { parameters: [{ name: n }] }
    script: { image: bash:5.2, command: [bash], source: "echo {{inputs.parameters.n}}" }
`);
    expect(run.status.phase).toBe('Succeeded');
    const names = Object.keys(byName(run));
    expect(names).toContain('tables(0:name:users,size:10)');
    expect(names).toContain('tables(1:name:orders,size:2,tags:[a b])');
  });

  it('sprig functions and jsonpath evaluate as in Argo (argument order, Go semantics)', () => {
    const e = (text: string, scope: Record<string, unknown> = {}) => evaluateExpression(text, scope);
    expect(e("sprig.trunc(10, '2026-06-17T03:00:00Z')")).toBe('2026-06-17');
    expect(e("sprig.trunc(-3, 'abcdef')")).toBe('def');
    expect(e("sprig.replace('-', '_', 'a-b-c')")).toBe('a_b_c');
    expect(e("sprig.default('x', '')")).toBe('x');
    expect(e("sprig.default('x', 'y')")).toBe('y');
    expect(e("sprig.upper(sprig.trim('  ab '))")).toBe('AB');
    expect(e("sprig.int('42') + 1")).toBe(43);
    expect(e("sprig.join(',', sprig.list('a', 'b'))")).toBe('a,b');
    expect(e("sprig.get(sprig.dict('k', 'v'), 'k')")).toBe('v');
    expect(e("jsonpath(doc, '$.rows[*].n')", { doc: '{"rows":[{"n":1},{"n":2}]}' })).toEqual([1, 2]);
    expect(e('jsonpath(doc, "$[\'a-b\'][-1]")', { doc: '{"a-b":[1,2,3]}' })).toBe(3);
    expect(() => e('sprig.now()')).toThrow(/sprig\.now\(\) is not supported locally/);
    expect(() => e("jsonpath('{}', '$.missing')")).toThrow(/matches nothing/);
  });
});

describe('resume and run identity', () => {
  it('--resume names the attempt that succeeded (flaky(2)), not the first attempt, as reused', async () => {
    const cwd = tempProject();
    const text = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: flaky-demo }
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - { name: flaky, template: flaky }
    - - { name: last, template: last }
  - name: flaky
    retryStrategy: { limit: 3 }
    script: { image: bash:5.2, command: [bash], source: '[ "{{retries}}" = 2 ] || exit 1; echo ok' }
  - name: last
    script: { image: bash:5.2, command: [bash], source: '[ -e fixed ] || exit 3' }
`;
    const starts: string[] = [];
    const first = await runYaml(text, { cwd, onStart: (r) => starts.push(r.runId) });
    expect(first.status.phase).toBe('Failed');
    expect(starts).toEqual([first.runId]);
    writeFileSync(path.join(cwd, 'fixed'), '');
    const second = await runWorkflow([], { cwd, resume: first.runId, report: false });
    expect(second.status.phase).toBe('Succeeded');
    const reused = Object.values(second.status.nodes ?? {}).find((n) => n.memoizationStatus?.hit === true);
    expect(reused?.message).toBe('reused flaky(2) from the earlier attempt of this run');
  });
});

describe('properties', () => {
  const key = fc.stringMatching(/^[a-z][a-z0-9_-]{0,6}$/);
  it('jsonpath finds any value by its .key / [n] path in any JSON document', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.oneof(key, fc.nat({ max: 3 })), { maxLength: 4 }), (leaf, route) => {
        let doc: unknown = leaf;
        for (const step of [...route].reverse()) {
          doc = typeof step === 'number' ? [...Array.from({ length: step }, () => null), doc] : { [step]: doc };
        }
        const path = `$${route.map((s) => (typeof s === 'number' ? `[${s}]` : `['${s}']`)).join('')}`;
        expect(jsonpath('p', JSON.stringify(doc), path)).toEqual(JSON.parse(JSON.stringify(leaf)));
      }),
    );
  });

  it("a map item's label is its key:value pairs, sorted, whatever the key order", () => {
    fc.assert(
      fc.property(fc.dictionary(key, fc.oneof(fc.stringMatching(/^[a-z0-9 ]{0,5}$/), fc.integer())), (map) => {
        const reversed = Object.fromEntries(Object.entries(map).reverse());
        const label = itemLabel(map);
        expect(itemLabel(reversed)).toBe(label);
        const parts = Object.keys(map).length === 0 ? [] : label.split(',');
        expect(parts).toEqual([...parts].sort());
      }),
    );
  });
});
