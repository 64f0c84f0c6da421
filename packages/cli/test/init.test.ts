import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { projectNameProblem, suggestProjectName } from '../src/init/project-name.js';
import { renameTemplate } from '../src/init/rename.js';
import { capture } from './support/io.js';

const repo = path.resolve(import.meta.dirname, '../../..');
const cliVersion = (
  JSON.parse(fs.readFileSync(path.join(repo, 'packages/cli/package.json'), 'utf8')) as { version: string }
).version;
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-init-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function init(args: string[], stdin?: PassThrough & { isTTY?: boolean }) {
  const io = { ...capture({}, dir), ...(stdin ? { stdin } : {}) };
  const code = await main(['init', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const read = (rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');
const json = (rel: string) => JSON.parse(read(rel)) as Record<string, Record<string, string>>;

describe('workflow init --list', () => {
  it('lists every example with a template.json, one line each', async () => {
    const { code, out } = await init(['--list']);
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(['customer-features', 'dag', 'minimal']);
    const minimal = JSON.parse(fs.readFileSync(path.join(repo, 'examples/minimal/template.json'), 'utf8'));
    expect(lines[2]).toContain(minimal.description);
  });
});

describe('workflow init <dir> --template', () => {
  it('makes a project from the example: its code, its tests, and the files a project needs', async () => {
    const { code, out } = await init(['orders', '--template', 'minimal']);
    expect(code).toBe(0);
    expect(out).toContain('cd orders');
    expect(out).toContain('pnpm install && pnpm exec workflow run pipeline.ts --local -p execution-date=2026-06-17');
    for (const f of ['stages/extract-events.ts', 'stages/load-events.ts', 'test/stages.test.ts', 'tsup.config.ts']) {
      const example = fs.readFileSync(path.join(repo, 'examples/minimal', f), 'utf8');
      expect(read(`orders/${f}`)).toBe(renameTemplate(example, 'minimal', 'orders'));
    }
    expect(read('orders/pipeline.ts')).toContain("pipeline('orders', {");
    expect(read('orders/pipeline.ts')).toContain("claimName: 'orders-data'");
    for (const f of [
      'README.md',
      'Dockerfile',
      '.github/workflows/ci.yml',
      'pnpm-workspace.yaml',
      'vitest.config.ts',
    ]) {
      expect(fs.existsSync(path.join(dir, 'orders', f)), f).toBe(true);
    }
    expect(fs.existsSync(path.join(dir, 'orders/template.json'))).toBe(false);
  });

  it('depends on every @sluice package at the CLI’s own version, and pins the tools it needs', async () => {
    await init(['orders', '--template', 'minimal']);
    const manifest = json('orders/package.json');
    expect(manifest.name).toBe('orders');
    expect(manifest.dependencies).toMatchObject({
      '@sluice/sdk': cliVersion,
      '@sluice/runtime': cliVersion,
      '@sluice/data': cliVersion,
    });
    expect(manifest.devDependencies?.['@sluice/cli']).toBe(cliVersion);
    for (const range of Object.values({ ...manifest.dependencies, ...manifest.devDependencies })) {
      expect(range).not.toMatch(/^workspace:|latest/);
    }
    expect(Object.keys(manifest.devDependencies ?? {})).toEqual(
      expect.arrayContaining(['tsx', 'typescript', 'vitest', '@types/node']),
    );
    expect(manifest.overrides).toBeUndefined();
    expect(read('orders/pnpm-workspace.yaml')).toMatch(/allowBuilds:\n {2}esbuild: true/);
  });

  it('leaves the repository’s own files out of customer-features, and the scripts that use them', async () => {
    expect((await init(['cf', '--template', 'customer-features'])).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'cf/golden'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'cf/test/golden.test.ts'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'cf/test/integration'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'cf/test/stages.test.ts'))).toBe(true);
    const manifest = json('cf/package.json');
    expect(manifest.scripts?.golden).toBeUndefined();
    // Its tests import fast-check, which the repository's root provides: the project gets it pinned.
    expect(manifest.devDependencies?.['fast-check']).toMatch(/^\d+\.\d+\.\d+$/);
    expect(read('cf/pipeline.ts')).toContain("pipeline('cf', {");
  });

  it('renames the dag template without touching the dag() builder it calls', async () => {
    await init(['etl', '--template', 'dag']);
    const source = read('etl/pipeline.ts');
    expect(source).toContain("import { container, dag, item, workflowTemplate } from '@sluice/sdk';");
    expect(source).toContain("const main = dag('main', (d) => {");
    expect(source).toContain("name: 'etl', namespace: 'data-pipelines'");
  });

  it('copies the tarballs of --packages into vendor/ and links them relatively, for pnpm, npm and the Dockerfile', async () => {
    const packs = path.join(dir, 'packs');
    fs.mkdirSync(packs);
    for (const p of ['argo-types', 'sdk', 'runtime', 'data', 'local', 'client', 'cli']) {
      fs.writeFileSync(path.join(packs, `sluice-${p}-${cliVersion}.tgz`), `tarball of ${p}`);
    }
    expect((await init(['demo', '--template', 'minimal', '--packages', 'packs'])).code).toBe(0);
    expect(read(`demo/vendor/sluice-sdk-${cliVersion}.tgz`)).toBe('tarball of sdk');
    const manifest = json('demo/package.json');
    expect(manifest.dependencies?.['@sluice/sdk']).toBe(`file:vendor/sluice-sdk-${cliVersion}.tgz`);
    expect(manifest.overrides?.['@sluice/argo-types']).toBe(`file:vendor/sluice-argo-types-${cliVersion}.tgz`);
    expect(read('demo/pnpm-workspace.yaml')).toContain(`'@sluice/local': 'file:vendor/sluice-local-${cliVersion}.tgz'`);
    // The tarballs are in the build context, and copied before the install that needs them.
    const dockerfile = read('demo/Dockerfile');
    expect(dockerfile.indexOf('COPY vendor/ ./vendor/')).toBeGreaterThan(-1);
    expect(dockerfile.indexOf('COPY vendor/ ./vendor/')).toBeLessThan(dockerfile.indexOf('RUN pnpm install'));
    expect(read('demo/.dockerignore')).not.toMatch(/^vendor/m);
  });

  it('a project without --packages has no vendor/ and its Dockerfile copies none', async () => {
    expect((await init(['plain', '--template', 'minimal'])).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'plain/vendor'))).toBe(false);
    expect(read('plain/Dockerfile')).not.toContain('vendor');
  });

  it('says which tarballs --packages lacks', async () => {
    fs.mkdirSync(path.join(dir, 'packs'));
    const { code, err } = await init(['demo', '--packages', 'packs']);
    expect(code).toBe(2);
    expect(err).toContain(`sluice-sdk-${cliVersion}.tgz`);
    expect(err).toContain('pnpm pack:all');
    expect(fs.existsSync(path.join(dir, 'demo'))).toBe(false);
  });

  it('refuses a directory that is not empty unless --force, which keeps the files the template does not have', async () => {
    fs.mkdirSync(path.join(dir, 'taken'));
    fs.writeFileSync(path.join(dir, 'taken', 'notes.txt'), 'mine');
    const refused = await init(['taken', '--template', 'minimal']);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('taken is not empty');
    expect(refused.err).toContain('--force');
    expect(fs.readdirSync(path.join(dir, 'taken'))).toEqual(['notes.txt']);
    expect((await init(['taken', '--template', 'minimal', '--force'])).code).toBe(0);
    expect(read('taken/notes.txt')).toBe('mine');
    expect(fs.existsSync(path.join(dir, 'taken/pipeline.ts'))).toBe(true);
    // Nothing of the staging directory is left beside it.
    expect(fs.readdirSync(dir)).toEqual(['taken']);
  });

  it('accepts an empty directory', async () => {
    fs.mkdirSync(path.join(dir, 'empty'));
    expect((await init(['empty', '--template', 'dag'])).code).toBe(0);
  });

  it('validates the project name as a Kubernetes name and suggests one', async () => {
    const bad = await init(['My_Pipeline']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"My_Pipeline" is not a valid Kubernetes name');
    expect(bad.err).toContain('--name my-pipeline');
    expect(fs.existsSync(path.join(dir, 'My_Pipeline'))).toBe(false);
    expect((await init(['My_Pipeline', '--name', 'my-pipeline'])).code).toBe(0);
    expect(json('My_Pipeline/package.json').name).toBe('my-pipeline');
  });

  it('names the templates when the one asked for does not exist', async () => {
    const { code, err } = await init(['x', '--template', 'minmal']);
    expect(code).toBe(2);
    expect(err).toContain('no template "minmal"; the templates are customer-features, dag, minimal');
  });

  it('uses the minimal template by default and asks nothing when stdin is not a terminal', async () => {
    expect((await init(['plain'])).code).toBe(0);
    expect(read('plain/pipeline.ts')).toContain("pipeline('plain'");
    const noDir = await init([]);
    expect(noDir.code).toBe(2);
    expect(noDir.err).toContain('give the directory of the new project');
  });

  it('asks for the directory and the template on a terminal', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    stdin.end('asked\ndag\n');
    const { code, out } = await init([], stdin);
    expect(code).toBe(0);
    expect(out).toContain('Directory of the new project (my-pipeline): ');
    expect(out).toContain('Template (minimal): ');
    expect(read('asked/pipeline.ts')).toContain("name: 'asked'");
  });
});

describe('project names', () => {
  it('accepts DNS-1123 labels up to 52 characters and refuses the rest', () => {
    expect(projectNameProblem('customer-features')).toBeUndefined();
    expect(projectNameProblem('a'.repeat(52))).toBeUndefined();
    expect(projectNameProblem('a'.repeat(53))).toContain('at most 52');
    for (const bad of ['', '1abc', 'abc-', 'ABC', 'a_b', 'a.b']) expect(projectNameProblem(bad), bad).toBeDefined();
  });

  it('always suggests a valid name', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => projectNameProblem(suggestProjectName(s)) === undefined),
    );
  });
});

describe('renameTemplate', () => {
  it('renames values (strings, suffixes, image paths, tags) and leaves identifiers alone', () => {
    const code =
      "import { dag } from 'x';\nconst d = dag('dag', { image: 'r.io/data/dag:1.0', claim: 'dag-data' });\nt.dag;";
    expect(renameTemplate(code, 'dag', 'etl')).toBe(
      "import { dag } from 'x';\nconst d = dag('etl', { image: 'r.io/data/etl:1.0', claim: 'etl-data' });\nt.dag;",
    );
  });

  it('changes nothing when the names are the same, and renaming back restores a quoted name', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), (to) => {
        const text = "pipeline('minimal', { claimName: 'minimal-data' })";
        if (to === 'minimal' || text.includes(to)) return true;
        return renameTemplate(renameTemplate(text, 'minimal', to), to, 'minimal') === text;
      }),
    );
    expect(renameTemplate("x('a')", 'a', 'a')).toBe("x('a')");
  });
});
