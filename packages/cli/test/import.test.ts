import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { importManifests } from '../src/import/import-manifests.js';
import { printModule, quote, valueExpr } from '../src/import/js-syntax.js';
import { main } from '../src/index.js';
import { capture } from './support/io.js';

let dir: string;

const cronYaml = `apiVersion: argoproj.io/v1alpha1
kind: CronWorkflow
metadata: { name: nightly }
spec:
  schedule: "0 2 * * *"
  workflowSpec:
    entrypoint: main
    templates:
      - name: main
        container: { image: "alpine:3.20", command: [date] }
`;
const twoDocs = `apiVersion: argoproj.io/v1alpha1
kind: WorkflowTemplate
metadata: { name: lib }
spec:
  templates:
    - name: echo
      inputs: { parameters: [{ name: message }] }
      container: { image: "alpine:3.20", command: [echo, "{{inputs.parameters.message}}"] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
data: { level: info }
`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-import-'));
  fs.writeFileSync(path.join(dir, 'nightly.yaml'), cronYaml);
  fs.writeFileSync(path.join(dir, 'lib.yaml'), twoDocs);
  fs.writeFileSync(path.join(dir, 'broken.yaml'), 'kind: Workflow\nmetadata: { name: x\n');
  fs.writeFileSync(path.join(dir, 'notes.yaml'), `${cronYaml}---\njust a sentence\n`);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = capture({}, dir);
  const code = await main(['import', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('workflow import', () => {
  it('prints the module of one file and says what became of it', async () => {
    const r = await run(['nightly.yaml']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^import \{ .*cronWorkflow.* \} from '@sluice\/sdk';$/m);
    // The 3.5 spelling `schedule` is written in the builders' form.
    expect(r.out).toContain("schedules: ['0 2 * * *']");
    expect(r.err).toMatch(/^nightly\.yaml: 1 document; \d of 1 template typed/m);
  });

  it('writes --out files, keeps an existing one without --force, and replaces it with --force', async () => {
    const first = await run(['nightly.yaml', 'lib.yaml', '--out', 'src']);
    expect(first.code).toBe(0);
    const lib = fs.readFileSync(path.join(dir, 'src/lib.ts'), 'utf8');
    expect(lib).toMatch(/^export default workflowTemplate\('lib'\)/m);
    // The first workflow is the default export even when the file starts with another kind.
    fs.writeFileSync(path.join(dir, 'cm-first.yaml'), `${twoDocs.split('---\n')[1]}---\n${twoDocs.split('---\n')[0]}`);
    expect((await run(['cm-first.yaml'])).out).toMatch(/^export default workflowTemplate\('lib'\)/m);
    expect(lib).toMatch(/^export const settings = kubernetesObject\(\{/m);
    expect(first.err).toContain('kept as plain objects: ConfigMap "settings"');

    fs.writeFileSync(path.join(dir, 'src/nightly.ts'), '// mine\n');
    const again = await run(['nightly.yaml', '--out', 'src']);
    expect(again.code).toBe(2);
    expect(again.err).toContain('src/nightly.ts exists; give --force to overwrite it');
    expect(fs.readFileSync(path.join(dir, 'src/nightly.ts'), 'utf8')).toBe('// mine\n');

    expect((await run(['nightly.yaml', '--out', 'src', '--force'])).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'src/nightly.ts'), 'utf8')).toMatch(/cronWorkflow/);
  });

  it('names the file and line of YAML it cannot read, and a missing file', async () => {
    const r = await run(['broken.yaml', 'missing.yaml', '--out', 'out']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^workflow import: broken\.yaml:\d+: /m);
    expect(r.err).toContain('workflow import: missing.yaml: no such file');
  });

  it('names a document that is not a Kubernetes object, and writes nothing for its file', async () => {
    const r = await run(['notes.yaml', '--out', 'notes-out']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('workflow import: notes.yaml: document 2 is not a mapping; expected a Kubernetes object');
    expect(fs.existsSync(path.join(dir, 'notes-out/notes.ts'))).toBe(false);
  });

  it('reads a cluster dump from stdin: a List’s items, without status, server metadata or the run’s name', async () => {
    const dump = YAML.stringify({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'WorkflowList',
      metadata: { resourceVersion: '991' },
      items: [
        {
          metadata: {
            name: 'hello-x7k2p',
            generateName: 'hello-',
            uid: '5f0c',
            resourceVersion: '990',
            creationTimestamp: '2026-12-01T10:00:00Z',
            labels: { team: 'data', 'workflows.argoproj.io/phase': 'Succeeded' },
          },
          spec: { entrypoint: 'main', templates: [{ name: 'main', container: { image: 'busybox:1.36' } }] },
          status: { phase: 'Succeeded' },
        },
      ],
    });
    const io = { ...capture({}, dir), stdin: Readable.from([dump]) };
    const code = await main(['import', '-'], io);
    expect(code).toBe(0);
    expect(io.out()).toContain("export default workflow({ generateName: 'hello-', labels: { team: 'data' } })");
    expect(io.out()).not.toMatch(/status|uid|resourceVersion|x7k2p|phase/);
    expect(io.err()).toContain(
      '<stdin>: dropped what the cluster set: WorkflowList (its items are imported), status, metadata.uid, metadata.resourceVersion, metadata.creationTimestamp, metadata.name (made from generateName), metadata.labels.workflows.argoproj.io/phase',
    );

    const kept = { ...capture({}, dir), stdin: Readable.from([dump]) };
    expect(await main(['import', '-', '--keep-cluster-fields'], kept)).toBe(0);
    expect(kept.out()).toContain("status: { phase: 'Succeeded' }");
  });

  it('asks for --out when given several files, and for a file when given none', async () => {
    expect((await run(['nightly.yaml', 'lib.yaml'])).err).toContain(
      '2 files given: write them to a directory with --out',
    );
    expect((await run([])).err).toContain('give the YAML files to import');
  });
});

describe('importManifests', () => {
  it('writes typed leaf templates and falls back to the plain object only where the builders differ', () => {
    const doc = YAML.parse(cronYaml.replace('schedule: "0 2 * * *"', 'schedules: ["0 2 * * *"]'));
    const module = importManifests([doc], 'nightly.yaml');
    expect(module.documents).toEqual([
      expect.objectContaining({ kind: 'CronWorkflow', name: 'nightly', exportName: 'default', raw: false }),
    ]);
  });
});

const wf = (templates: string, entry = 'main') =>
  YAML.parse(`apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: t- }
spec:
  entrypoint: ${entry}
  templates:
${templates}`);
const echo = `    - name: echo
      inputs: { parameters: [{ name: message }] }
      outputs: { parameters: [{ name: said, valueFrom: { path: /tmp/said } }] }
      container: { image: "busybox:1.36", command: [echo, "{{inputs.parameters.message}}"] }
`;

describe('importManifests writes the builders’ idiom', () => {
  it('a DAG: handles, after(…), typed arguments and outputs, and depends left out where it is inferred', () => {
    const doc = wf(`    - name: main
      dag:
        tasks:
          - { name: A, template: echo, arguments: { parameters: [{ name: message, value: A }] } }
          - { name: B, template: echo, depends: A, arguments: { parameters: [{ name: message, value: "{{tasks.A.outputs.parameters.said}}" }] } }
          - { name: C, template: echo, depends: A, arguments: { parameters: [{ name: message, value: C }] } }
          - { name: D, template: echo, depends: "B && C", arguments: { parameters: [{ name: message, value: "{{tasks.A.outputs.result}}!" }] } }
${echo}`);
    const { code, documents } = importManifests([doc], 'dag.yaml');
    expect(documents[0]?.rawTemplates).toEqual([]);
    expect(code).toContain(
      "container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.message] }),",
    );
    expect(code).toContain("const a = d.task('A', echo, { message: 'A' });");
    expect(code).toContain("const b = d.task('B', echo, { message: a.outputs.parameters.said });");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected code holds a template literal
    expect(code).toContain("d.task('D', echo, { message: `${a.outputs.result}!` }, { depends: after(b, c) });");
    // `main` comes first in the input and runs `echo`: entrypoint(main) lists both in that order.
    expect(code).toMatch(/^export default workflow\(\{ generateName: 't-' \}\)\.entrypoint\(main\);$/m);
  });

  it('steps: parallel groups, recursion through self, undeclared arguments as extraArguments', () => {
    const doc = wf(`    - name: main
      steps:
        - - { name: flip, template: flip }
        - - { name: heads, template: echo, when: "{{steps.flip.outputs.result}} == heads", arguments: { parameters: [{ name: message, value: heads }] } }
          - { name: tails, template: main, when: "{{steps.flip.outputs.result}} == tails", arguments: { parameters: [{ name: depth, value: "1" }] } }
${echo}    - name: flip
      script: { image: "python:3.12-alpine", command: [python], source: "print('heads')" }
`);
    const { code: text, documents } = importManifests([doc], 'steps.yaml');
    const code = text.replace(/\s+/g, ' ').replace(/, \}/g, ' }');
    expect(documents[0]?.rawTemplates).toEqual([]);
    expect(code).toContain("const main = steps('main', (s, self) => {");
    expect(code).toContain("const flipTask = s.step('flip', flip);");
    expect(code).toContain('s.parallel((g) => {');
    expect(code).toContain(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected code holds a template literal
      "g.step('tails', self, { extraArguments: { parameters: { depth: '1' } }, when: `${flipTask.outputs.result} == tails` });",
    );
    // The input's order (main, echo, flip) is not the order main first runs them in: all are listed, in order.
    expect(code).toContain('.templates(main, echo, flip)');
  });

  it('workflow arguments: workflowArguments() first, read by the templates as typed references', () => {
    const doc = wf(`    - name: main
      container: { image: "busybox:1.36", args: ["{{workflow.parameters.batch-size}} rows on {{workflow.parameters.day}}"] }
`);
    doc.spec.arguments = {
      parameters: [
        { name: 'batch-size', value: '500' },
        { name: 'day', enum: ['mon', 'tue'] },
      ],
    };
    const { code } = importManifests([doc], 'args.yaml');
    expect(code).toContain("const args = workflowArguments({ batchSize: '500', day: { enum: ['mon', 'tue'] } });");
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the expected code holds a template literal
    expect(code).toContain('args: [`${args.parameters.batchSize} rows on ${args.parameters.day}`]');
    expect(code).toContain('.arguments(args)');
  });

  it('a workflow argument value that is not text stays as Argo wrote it', () => {
    const doc = wf(`    - name: main
      container: { image: "busybox:1.36" }
`);
    doc.spec.arguments = { parameters: [{ name: 'count', value: 3 }] };
    const { code } = importManifests([doc], 'args.yaml');
    expect(code).not.toContain('workflowArguments');
    expect(code).toMatch(/\/\/ @ts-expect-error Argo reads a parameter value as text; this one is not\n\s+value: 3,/);
  });

  it('two templates that run each other: the one declared first runs the other by name', () => {
    const doc = wf(`    - name: main
      dag: { tasks: [{ name: x, template: other }] }
    - name: other
      dag: { tasks: [{ name: y, template: main, when: "false" }] }
`);
    const { code, documents } = importManifests([doc], 'cycle.yaml');
    expect(documents[0]?.rawTemplates).toEqual([]);
    expect(code.indexOf('const other = dag(')).toBeLessThan(code.indexOf('const main = dag('));
    expect(code).toContain("d.task({ name: 'y', template: 'main', when: 'false' });");
    expect(code).toContain("d.task('x', other);");
  });

  it('a field the newest release lacks stays, with a @ts-expect-error line that says why', () => {
    const doc = wf(`    - name: main
      container: { image: "busybox:1.36" }
      outputs: { artifacts: [{ name: out, path: /tmp/out, overwrite: true }] }
`);
    const { code, documents } = importManifests([doc], 'old.yaml');
    expect(documents[0]?.rawTemplates).toEqual(['main']);
    expect(code).toMatch(/\/\/ @ts-expect-error unknown field\n\s+overwrite: true,/);
  });
});

describe('the TypeScript writer', () => {
  it('writes any string as a literal that reads back as the same string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(new Function(`return ${quote(s)};`)()).toBe(s);
      }),
    );
  });

  it('writes any JSON value so that it evaluates back to an equal value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = printModule([
          { type: 'const', name: 'v', value: valueExpr(value) },
          { type: 'code', text: 'return v;' },
        ]);
        expect(new Function(text)()).toEqual(value);
      }),
    );
  });

  it('writes a key named __proto__ as a property, not as the prototype', () => {
    const value = JSON.parse('{"__proto__": {"a": 1}, "b": 2}');
    const text = printModule([
      { type: 'const', name: 'v', value: valueExpr(value) },
      { type: 'code', text: 'return v;' },
    ]);
    const back = new Function(text)();
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(back).toEqual(value);
  });

  it('keeps every line within 120 columns where a break is possible', () => {
    const value = { list: Array.from({ length: 30 }, (_, i) => ({ name: `item-${i}`, value: String(i) })) };
    const text = printModule([{ type: 'const', name: 'v', value: valueExpr(value) }]);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
  });
});
