import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type AnyTemplateBuilder,
  DEFAULT_MAX_BUNDLE_BYTES,
  dag,
  item,
  lint,
  ScriptBundleTooLargeError,
  tsScript,
  workflow,
} from '../src/index.js';
import { greet } from './fixtures/ts-script/argo-tag.js';
import { echo, notAnObject, splitShards, sumCounts } from './fixtures/ts-script/functions.js';
import { splitInput } from './fixtures/ts-script/schemas.js';
import { lookup } from './fixtures/ts-script/too-big.js';

const fixtures = path.resolve(import.meta.dirname, 'fixtures/ts-script');
const functionsModule = new URL('./fixtures/ts-script/functions.ts', import.meta.url);
const IMAGE = 'node:20.19-alpine';

const split = () =>
  tsScript({
    name: 'split',
    image: IMAGE,
    module: functionsModule,
    function: splitShards,
    inputs: splitInput,
    outputs: ['shards', 'total'],
  });

const sum = () =>
  tsScript({
    name: 'sum',
    image: IMAGE,
    module: functionsModule,
    function: sumCounts,
    inputs: { counts: 'json', label: 'string' },
    outputs: ['summary'],
  });

const scratch = mkdtempSync(path.join(tmpdir(), 'sluice-ts-script-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs a template's source as Argo does (`node <file>`), with its env resolved from `params`; reads its outputs. */
function runSource(
  template: AnyTemplateBuilder,
  params: Record<string, string>,
  options: { moduleScope?: boolean } = {},
): { status: number | null; stderr: string; stdout: string; outputs: Record<string, string> } {
  const t = template.toTemplate();
  const dir = mkdtempSync(path.join(scratch, 'run-'));
  // Under a "type": "module" package Node loads the extension-less file as an ES module (as `workflow run --local`
  // may); without one, as CommonJS (as in the pod).
  if (options.moduleScope) writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
  const outDir = path.join(dir, 'outputs');
  const source = (t.script?.source ?? '').replaceAll('/tmp/outputs/', `${outDir}/`);
  writeFileSync(path.join(dir, 'script'), source);
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const e of t.script?.env ?? []) {
    env[e.name] = (e.value ?? '').replace(/\{\{inputs\.parameters\.([\w-]+)\}\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`no value for ${name}`);
      return value;
    });
  }
  const run = spawnSync(process.execPath, [path.join(dir, 'script')], { env, encoding: 'utf8' });
  const outputs: Record<string, string> = {};
  for (const p of t.outputs?.parameters ?? []) {
    try {
      outputs[p.name] = readFileSync(path.join(outDir, p.name), 'utf8');
    } catch {}
  }
  return { status: run.status, stderr: run.stderr, stdout: run.stdout, outputs };
}

describe('tsScript: the compiled template', () => {
  it('matches the golden YAML: inputs from the schema, env per input, outputs from the listed keys', async () => {
    const main = dag('main', (d) => {
      const s = d.task('split', split(), { prefix: 'part', count: 3, dryRun: false });
      d.task('sum', sum(), { counts: s.outputs.parameters.shards, label: 'rows' });
    });
    const wf = workflow({ generateName: 'ts-script-' }, {}).entrypoint(main);
    await expect(wf.toYaml()).toMatchFileSnapshot('golden/ts-script-workflow.yaml');
  });

  it('lints clean, with the policy rules (pinned image, limits, restricted security context)', () => {
    const main = dag('main', (d) => {
      const s = d.task('split', split(), { prefix: 'part', count: 3, dryRun: false });
      d.task('sum', sum(), { counts: s.outputs.parameters.shards, label: 'rows' }, { withItems: [1] });
    });
    const wf = workflow(
      { generateName: 'ts-script-', labels: { team: 'data', 'app.kubernetes.io/part-of': 'ts-script' } },
      {
        podMetadata: { labels: { team: 'data', 'app.kubernetes.io/part-of': 'ts-script' } },
        securityContext: { runAsNonRoot: true, runAsUser: 1000 },
        activeDeadlineSeconds: 600,
      },
    ).entrypoint(main);
    const results = lint([{ source: 'ts-script.yaml', doc: wf.toObject() }], { policy: true });
    expect(results.flatMap((r) => r.errors)).toEqual([]);
  });

  it('decodes each input by its kind: from the zod fields or as declared', () => {
    const kinds = (t: AnyTemplateBuilder) =>
      JSON.parse(/var spec = (\{.*\});/.exec(t.toTemplate().script?.source ?? '')?.[1] ?? '{}').inputs;
    expect(kinds(split())).toEqual([
      { key: 'prefix', env: 'SLUICE_INPUT_PREFIX', kind: 'string' },
      { key: 'count', env: 'SLUICE_INPUT_COUNT', kind: 'number' },
      { key: 'dryRun', env: 'SLUICE_INPUT_DRY_RUN', kind: 'boolean' },
    ]);
    expect(kinds(sum())).toEqual([
      { key: 'counts', env: 'SLUICE_INPUT_COUNTS', kind: 'json' },
      { key: 'label', env: 'SLUICE_INPUT_LABEL', kind: 'string' },
    ]);
  });

  it('leaves out what the function does not use (tree-shaking) and the zod schema (imported as a type only)', () => {
    const source = split().toTemplate().script?.source ?? '';
    expect(source).toContain('function shardName(');
    expect(source).not.toContain('UNUSED-HELPER-MARKER');
    expect(source).not.toContain('function sumCounts(');
    expect(source).not.toMatch(/zod/);
  });
});

describe('tsScript: the bundle runs under Node as Argo runs it', () => {
  it('reads the inputs, calls the function and writes each output (JSON unless a string), as CommonJS', () => {
    const run = runSource(split(), { prefix: 'p', count: '2', 'dry-run': 'false' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.outputs).toEqual({ shards: '["p-000","p-001"]', total: '2' });
  });

  it('runs as an ES module too (an extension-less file under "type": "module"), awaiting an async function', () => {
    const run = runSource(sum(), { counts: '[1,2,3]', label: 'rows' }, { moduleScope: true });
    expect(run.stderr).toBe('');
    expect(run.outputs).toEqual({ summary: 'rows: 6' });
  });

  it('fails with the template, the input and the text when an input does not decode', () => {
    const run = runSource(split(), { prefix: 'p', count: 'three', 'dry-run': 'false' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('tsScript "split": Error: input "count" is not a number: "three"');
  });

  it('fails naming the template when the function returns no object', () => {
    // `length` is a key of the string it returns, so the types allow it; the entry refuses the string.
    const t = tsScript({
      name: 'bad',
      image: IMAGE,
      module: functionsModule,
      function: notAnObject,
      outputs: ['length'],
    });
    const run = runSource(t, {});
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'tsScript "bad": Error: the function returned string; it must return an object with length',
    );
  });
});

describe('tsScript: reproducible bundles', () => {
  it('gives the same bytes for the same sources, built twice and from another directory', () => {
    const first = split().toTemplate().script?.source;
    expect(split().toTemplate().script?.source).toBe(first);
    // The same project, elsewhere on the machine: no absolute path of the machine is in the bundle.
    const copy = path.join(scratch, 'elsewhere', 'project');
    mkdirSync(path.join(copy, 'test'), { recursive: true });
    writeFileSync(path.join(copy, 'package.json'), '{"name":"copy"}');
    cpSync(fixtures, path.join(copy, 'test/fixtures/ts-script'), { recursive: true });
    const moved = tsScript({
      name: 'split',
      image: IMAGE,
      module: path.join(copy, 'test/fixtures/ts-script/functions.ts'),
      function: splitShards,
      inputs: splitInput,
      outputs: ['shards', 'total'],
    });
    expect(moved.toTemplate().script?.source).toBe(first);
    expect(first).not.toContain(path.resolve(import.meta.dirname, '..'));
    expect(first).not.toContain(scratch);
  });
});

describe('tsScript: size budget and bad input', () => {
  const big = (maxBundleBytes?: number) =>
    tsScript({
      name: 'lookup',
      image: IMAGE,
      module: new URL('./fixtures/ts-script/too-big.ts', import.meta.url),
      function: lookup,
      inputs: { index: 'number' },
      outputs: ['row'],
      ...(maxBundleBytes === undefined ? {} : { maxBundleBytes }),
    });

  it('accepts a bundle within the default budget of 256 KiB', () => {
    expect(DEFAULT_MAX_BUNDLE_BYTES).toBe(262_144);
    expect(big().toTemplate().script?.source).toContain("'P'.repeat(4096)".replaceAll("'", '"'));
  });

  it('refuses a bundle over its budget, naming the template, the module, the size and the fix', () => {
    let error: unknown;
    try {
      big(1024);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScriptBundleTooLargeError);
    const e = error as ScriptBundleTooLargeError;
    expect(e.maxBytes).toBe(1024);
    expect(e.bytes).toBeGreaterThan(1024);
    expect(e.message).toMatch(
      /^tsScript "lookup": the bundle of test\/fixtures\/ts-script\/too-big\.ts is \d+\.\d KiB, over its budget of 1\.0 KiB; largest inputs: test\/fixtures\/ts-script\/too-big\.ts/,
    );
    expect(e.message).toContain('raise `maxBundleBytes`');
  });

  it('refuses an unpinned image', () => {
    expect(() =>
      tsScript({ name: 'x', image: 'node:latest', module: functionsModule, function: splitShards, inputs: splitInput }),
    ).toThrowError(/^tsScript "x": image "node:latest" uses the tag "latest"/);
    expect(() =>
      tsScript({ name: 'x', image: 'node', module: functionsModule, function: splitShards, inputs: splitInput }),
    ).toThrowError(/^tsScript "x": image "node" has no tag/);
  });

  it('names the template and the missing export when the module does not export the function', () => {
    expect(() =>
      tsScript({
        name: 'wrong-export',
        image: IMAGE,
        module: functionsModule,
        function: splitShards,
        exportName: 'splitShard',
        inputs: splitInput,
      }),
    ).toThrowError(
      /^tsScript "wrong-export": test\/fixtures\/ts-script\/functions\.ts does not bundle:\n.*No matching export .* "splitShard"/s,
    );
  });

  it('refuses a relative module path and an anonymous function', () => {
    expect(() =>
      tsScript({ name: 'rel', image: IMAGE, module: './functions.ts', function: splitShards, inputs: splitInput }),
    ).toThrowError(/^tsScript "rel": `module` must be a file URL or an absolute path/);
    expect(() =>
      tsScript({ name: 'anon', image: IMAGE, module: functionsModule, function: [() => ({})][0] ?? (() => ({})) }),
    ).toThrowError(/^tsScript "anon": the function's export name "" is not an identifier/);
  });

  it('refuses a bundle holding text Argo would substitute in the source, naming the tag', () => {
    expect(() =>
      tsScript({
        name: 'greet',
        image: IMAGE,
        module: new URL('./fixtures/ts-script/argo-tag.ts', import.meta.url),
        function: greet,
        inputs: { name: 'string' },
        outputs: ['text'],
      }),
    ).toThrowError(
      /^tsScript "greet": the bundle of test\/fixtures\/ts-script\/argo-tag\.ts contains "\{\{workflow\.name\}\}" \(line \d+ of the bundle\)/,
    );
  });

  it('refuses an unknown kind', () => {
    const kinds = JSON.parse('{"counts":"list","label":"string"}');
    expect(() =>
      tsScript({ name: 'k', image: IMAGE, module: functionsModule, function: sumCounts, inputs: kinds }),
    ).toThrowError('tsScript "k": input "counts" has kind "list"; use one of string, number, boolean, json');
  });
});

describe('tsScript: the function stays a plain function', () => {
  it('is called directly in a test', async () => {
    expect(splitShards({ prefix: 's', count: 2, dryRun: true })).toEqual({ shards: ['s-000', 's-001'], total: 0 });
    await expect(sumCounts({ counts: [2, 3], label: 'n' })).resolves.toEqual({ summary: 'n: 5' });
  });

  it('loops over a looped task with withParam like any template', () => {
    const main = dag('main', (d) => {
      const s = d.task('split', split(), { prefix: 'part', count: 3, dryRun: false });
      d.task('each', sum(), { counts: item(), label: 'x' }, { withParam: s.outputs.parameters.shards });
    });
    expect(main.toTemplate().dag?.tasks[1]).toMatchObject({
      depends: 'split',
      withParam: '{{tasks.split.outputs.parameters.shards}}',
    });
  });
});

describe('tsScript: template fields', () => {
  it('takes any template field, as a value or a function of its typed io, like the other builders', () => {
    const t = tsScript({
      name: 'split',
      image: IMAGE,
      module: functionsModule,
      function: splitShards,
      inputs: splitInput,
      outputs: ['shards', 'total'],
      retryStrategy: { limit: 2 },
      memoize: (io) => ({
        key: `split-${io.inputs.parameters.prefix}`,
        maxAge: '1h',
        cache: { configMap: { name: 'c' } },
      }),
      volumes: [{ name: 'scratch', emptyDir: {} }],
      script: { volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] },
    }).toTemplate();
    expect(t.retryStrategy).toEqual({ limit: 2 });
    expect(t.memoize?.key).toBe('split-{{inputs.parameters.prefix}}');
    expect(t.volumes?.map((v) => v.name)).toEqual(['tsscript-outputs', 'scratch']);
    expect(t.script?.volumeMounts?.map((v) => v.mountPath)).toEqual(['/tmp/outputs', '/scratch']);
    expect(t.script?.securityContext?.readOnlyRootFilesystem).toBe(true);
  });
});

describe('tsScript: values through the environment and the output files (property)', () => {
  const echoTemplate = tsScript({
    name: 'echo',
    image: IMAGE,
    module: functionsModule,
    function: echo,
    inputs: { text: 'string', value: 'json', n: 'number', flag: 'boolean' },
    outputs: ['text', 'value', 'n', 'flag'],
  });
  // What a task passes: a string as is, anything else as its JSON text (as the compiled arguments are).
  const noNul = (s: string) => !s.includes('\0');
  const json = fc.jsonValue().filter((v) => noNul(JSON.stringify(v)));

  it('a string arrives unchanged and is written as is; a JSON value, number and boolean round-trip', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter(noNul),
        json,
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.boolean(),
        (text, value, n, flag) => {
          const run = runSource(echoTemplate, {
            text,
            value: JSON.stringify(value),
            n: String(n),
            flag: String(flag),
          });
          expect(run.stderr).toBe('');
          expect(run.outputs.text).toBe(text);
          // The rule for every output: a string as is (as Argo parameters are), anything else as JSON.
          if (typeof value === 'string') expect(run.outputs.value).toBe(value);
          else expect(JSON.parse(run.outputs.value ?? 'null')).toEqual(JSON.parse(JSON.stringify(value)));
          expect(Number(run.outputs.n)).toBe(n === 0 ? 0 : n);
          expect(run.outputs.flag).toBe(String(flag));
        },
      ),
      { numRuns: 25 },
    );
  });
});
