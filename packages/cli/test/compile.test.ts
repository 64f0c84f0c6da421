import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseYamlDocuments } from '@sluice/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './support/io.js';

const fixtures = path.resolve(import.meta.dirname, 'fixtures/entries');
const entry = path.join(fixtures, 'hello-entry.ts');
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-compile-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = capture({}, dir);
  const code = await main(['compile', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('workflow compile', () => {
  it('writes the default export, then the other exported workflow objects, as multi-document YAML', async () => {
    const { code, out } = await run([entry]);
    expect(code).toBe(0);
    const docs = parseYamlDocuments(out) as { kind: string; metadata: { name?: string; generateName?: string } }[];
    expect(docs.map((d) => [d.kind, d.metadata.name ?? d.metadata.generateName])).toEqual([
      ['Workflow', 'hello-'],
      ['WorkflowTemplate', 'shared-steps'],
    ]);
    expect(out.startsWith('apiVersion: argoproj.io/v1alpha1\nkind: Workflow\n')).toBe(true);
    expect((await run([entry])).out).toBe(out);
  });

  it('names a file written outside the working directory by its absolute path (was ../../…)', async () => {
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-compile-out-'));
    try {
      const target = path.join(elsewhere, 'pipeline.yaml');
      const { code, err } = await run([entry, '--output-file', target]);
      expect(code).toBe(0);
      expect(err).toBe(`wrote ${target}\n`);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('writes one file atomically, leaving no temporary files', async () => {
    const { code, err } = await run([entry, '--output-file', 'out/pipeline.yaml']);
    expect(code).toBe(0);
    expect(err).toBe('wrote out/pipeline.yaml\n');
    expect(fs.readdirSync(path.join(dir, 'out'))).toEqual(['pipeline.yaml']);
    expect(parseYamlDocuments(fs.readFileSync(path.join(dir, 'out/pipeline.yaml'), 'utf8'))).toHaveLength(2);
  });

  it('writes one file per manifest into a directory, in JSON when asked, named as --out names them', async () => {
    const { code } = await run([entry, '-o', 'json', '--output-file', 'dist/']);
    expect(code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'dist')).sort()).toEqual([
      'workflow-hello.json',
      'workflow-template-shared-steps.json',
    ]);
    const wf = JSON.parse(fs.readFileSync(path.join(dir, 'dist/workflow-hello.json'), 'utf8'));
    expect(wf.spec.entrypoint).toBe('main');
  });

  it('infers JSON from the output file name', async () => {
    await run([entry, '--output-file', 'all.json']);
    const all = JSON.parse(fs.readFileSync(path.join(dir, 'all.json'), 'utf8'));
    expect(all.map((m: { kind: string }) => m.kind)).toEqual(['Workflow', 'WorkflowTemplate']);
  });

  it('compiles every entry of a directory in name order, skipping modules with no workflow object', async () => {
    const { code, out } = await run([fixtures]);
    expect(code).toBe(0);
    const names = (parseYamlDocuments(out) as { metadata: { name?: string; generateName?: string } }[]).map(
      (d) => d.metadata.name ?? d.metadata.generateName,
    );
    expect(names).toEqual(['cyclic', 'hello-', 'shared-steps']);
  });

  it('explains an entry that exports nothing to compile', async () => {
    const { code, err } = await run([path.join(fixtures, 'empty-entry.ts')]);
    expect(code).toBe(2);
    expect(err).toContain('exports nothing to compile; export a workflow object');
  });

  it('exits 2 on usage errors', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['missing.ts'])).err).toContain('missing.ts: no such file or directory');
    expect((await run([entry, '-o', 'toml'])).err).toContain('-o/--output: unknown format "toml"; use yaml or json');
    fs.writeFileSync(path.join(dir, 'wf.yaml'), 'kind: Workflow\n');
    expect((await run(['wf.yaml'])).err).toContain('wf.yaml: not a TypeScript entry');
  });

  it('--out writes a Kustomize base of plain workflow objects (no pipeline) with label-only overlays', async () => {
    const { code, err } = await run([entry, '--out', 'deploy']);
    expect(code).toBe(0);
    expect(err).toContain('under deploy (base/, overlays/)');
    const read = (p: string) => fs.readFileSync(path.join(dir, 'deploy', p), 'utf8');
    const base = parseYamlDocuments(read('base/kustomization.yaml'))[0] as { resources: string[] };
    expect(base.resources).toEqual(['workflow-hello.yaml', 'workflow-template-shared-steps.yaml']);
    const [template] = parseYamlDocuments(read('base/workflow-template-shared-steps.yaml')) as { kind: string }[];
    expect(template?.kind).toBe('WorkflowTemplate');
    for (const env of ['staging', 'production']) {
      const overlay = parseYamlDocuments(read(`overlays/${env}/kustomization.yaml`))[0] as Record<string, unknown>;
      expect(overlay).toMatchObject({
        resources: ['../../base'],
        labels: [{ pairs: { 'sluice.dev/environment': env } }],
      });
      expect(overlay.patches).toBeUndefined();
    }
  });

  it('-o is a format, as in argo: a path given to it is refused with the option that takes a path', async () => {
    const { code, err } = await run([entry, '-o', 'dist/pipeline.yaml']);
    expect(code).toBe(2);
    expect(err).toContain('use yaml or json. To write to a file or directory, use --output-file dist/pipeline.yaml');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    const json = await run([entry, '-o', 'json']);
    expect(JSON.parse(json.out).map((m: { kind: string }) => m.kind)).toEqual(['Workflow', 'WorkflowTemplate']);
  });

  it('an old --format gets where the job went, and a near-miss option a did-you-mean', async () => {
    const old = await run([entry, '--format', 'json']);
    expect(old.code).toBe(2);
    expect(old.err).toContain('unknown option --format: -o/--output takes the format now');
    expect((await run([entry, '--output-fil', 'x.yaml'])).err).toContain(
      'unknown option --output-fil; did you mean --output-file?',
    );
  });

  it('has help with examples', async () => {
    const { out } = await run(['--help']);
    expect(out).toContain('Usage: workflow compile <entry.ts | dir>');
    expect(out).toContain('  workflow compile pipeline.ts --output-file dist/pipeline.yaml');
  });
});
