import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without declarations
import { packAll, publicPackages } from '../../scripts/pack-all.mjs';

/**
 * The packages as a user gets them: packed like a registry serves them, installed into fresh projects outside this
 * repository (no workspace links, no build here), by npm and by pnpm; then a project made by the installed
 * `workflow init` from every template, which installs, tests, lints, compiles and runs on its own.
 */

const repo = path.resolve(import.meta.dirname, '../..');
const packages = publicPackages(repo) as { name: string; version: string }[];
const version = packages.find((p) => p.name === '@sluice/cli')?.version ?? '';
let work: string;
let packs: string;

/** The environment of a user's shell: none of the variables the repository's pnpm or CI set for this test. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|PNPM_|pnpm_|VITEST|NODE_OPTIONS$|INIT_CWD$|CI$|TURBO_)/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, FORCE_COLOR: '0', NO_COLOR: '1' };
}

/** Runs a command in `cwd` and returns its output; a failure shows the command, its exit code and its output. */
function sh(cwd: string, command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd, env: userEnv(), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}:\n${output.slice(-6000)}`);
  }
  return output;
}

const tarball = (pkg: string) => path.join(packs, `sluice-${pkg}-${version}.tgz`);
const short = (name: string) => name.replace('@sluice/', '');

/** A consumer project depending on every package from its tarball (and pinning the transitive ones there too). */
function consumer(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const deps = Object.fromEntries(packages.map((p) => [p.name, `file:${tarball(short(p.name))}`]));
  const tools = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8')).devDependencies;
  // A project writing stages declares zod itself (its schemas); the version the runtime is built with.
  const zod = JSON.parse(fs.readFileSync(path.join(repo, 'packages/runtime/package.json'), 'utf8')).dependencies.zod;
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      dependencies: { ...deps, zod },
      devDependencies: { typescript: tools.typescript, '@types/node': tools['@types/node'] },
      overrides: deps,
    }),
  );
  fs.writeFileSync(
    path.join(dir, 'pnpm-workspace.yaml'),
    [
      'allowBuilds:',
      '  esbuild: true',
      'overrides:',
      ...Object.entries(deps).map(([n, s]) => `  '${n}': '${s}'`),
      '',
    ].join('\n'),
  );
  for (const [file, text] of Object.entries(CONSUMER_FILES)) fs.writeFileSync(path.join(dir, file), text);
}

const USES = `
const stage = defineStage({ name: 'noop', params: z.object({}), outputs: z.object({ n: z.number() }), run: async () => ({ n: 1 }) });
const wf = workflow({ generateName: 'hello-' }).entrypoint(container({ name: 'main', container: { image: 'busybox:1.37', command: ['echo'] } }));
const doc = wf.toObject();
const issues: number = validateManifest(doc).issues.length;
const code: ExitCode = ExitCode.Ok;
const run: typeof runWorkflow = runWorkflow;
const client: typeof createClient = createClient;
const open: typeof openDuckDB = openDuckDB;
const p: typeof pipeline = pipeline;
export const used = [stage.name, issues, code, run, client, open, p];
`;
const IMPORTS = [
  "import { validateManifest } from '@sluice/argo-types';",
  "import { ExitCode } from '@sluice/cli';",
  "import { createClient } from '@sluice/client';",
  "import { openDuckDB } from '@sluice/data';",
  "import { runWorkflow } from '@sluice/local';",
  "import { defineStage } from '@sluice/runtime';",
  "import { container, pipeline, workflow } from '@sluice/sdk';",
  "import { z } from 'zod';",
].join('\n');
const tsconfig = (module: string, moduleResolution: string) =>
  JSON.stringify({
    compilerOptions: { module, moduleResolution, target: 'ES2022', strict: true, noEmit: true, types: ['node'] },
    files: ['types.mts', 'types.cts'],
  });

/** What the consumer runs: every entry point in ESM and CJS, DuckDB through @sluice/data, and types three ways. */
const CONSUMER_FILES: Record<string, string> = {
  'esm.mjs': `
const names = ${JSON.stringify(packages.map((p) => p.name))};
for (const name of names) { const m = await import(name); if (Object.keys(m).length === 0) throw new Error(name + ': no exports'); }
const { openDuckDB } = await import('@sluice/data');
const db = await openDuckDB();
const reader = await db.connection.runAndReadAll('SELECT 40 + 2 AS answer');
console.log('esm ok, duckdb says', reader.getRowObjects()[0].answer);
db.close();
`,
  'cjs.cjs': `
const names = ${JSON.stringify(packages.map((p) => p.name))};
for (const name of names) { const m = require(name); if (Object.keys(m).length === 0) throw new Error(name + ': no exports'); }
const { workflow, container } = require('@sluice/sdk');
const wf = workflow({ generateName: 'hello-' }).entrypoint(container({ name: 'main', container: { image: 'busybox:1.37' } }));
console.log('cjs ok', wf.toObject().kind);
`,
  'types.mts': `${IMPORTS}\n${USES}`,
  'types.cts': `${IMPORTS}\n${USES}`,
  'tsconfig.node16.json': tsconfig('node16', 'node16'),
  'tsconfig.nodenext.json': tsconfig('nodenext', 'nodenext'),
  'tsconfig.bundler.json': tsconfig('esnext', 'bundler'),
};

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-packaging-'));
  expect(path.relative(repo, work).startsWith('..')).toBe(true);
  packs = path.join(work, 'packs');
  packAll(packs, repo);
});

afterAll(() => {
  if (work !== undefined) fs.rmSync(work, { recursive: true, force: true });
});

describe.each(['npm', 'pnpm'])('the tarballs installed with %s into a project outside the repository', (tool) => {
  let dir: string;

  beforeAll(() => {
    dir = path.join(work, `consumer-${tool}`);
    consumer(dir);
    if (tool === 'npm') sh(dir, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
    else sh(dir, 'pnpm', ['install']);
  });

  it('every package loads as ESM, and @sluice/data runs DuckDB’s native binding', () => {
    expect(sh(dir, 'node', ['esm.mjs'])).toContain('esm ok, duckdb says 42');
  });

  it('every package loads as CommonJS', () => {
    expect(sh(dir, 'node', ['cjs.cjs'])).toContain('cjs ok Workflow');
  });

  // pnpm's isolated layout is the strict case (a package sees only what it declares), so it gets all three modes;
  // npm's hoisted layout resolves whatever pnpm's does, and checks node16, the strictest about ESM against CJS.
  const modes = tool === 'pnpm' ? ['node16', 'nodenext', 'bundler'] : ['node16'];
  it.each(modes)('the type declarations resolve under moduleResolution %s', (mode) => {
    sh(dir, path.join(dir, 'node_modules/.bin/tsc'), ['-p', `tsconfig.${mode}.json`]);
  });

  it('the workflow bin runs: --version, init --list', () => {
    const bin = path.join(dir, 'node_modules/.bin/workflow');
    expect(sh(dir, bin, ['--version']).trim()).toBe(`workflow ${version}`);
    const list = sh(dir, bin, ['init', '--list']);
    for (const t of ['customer-features', 'dag', 'minimal']) expect(list).toMatch(new RegExp(`^${t}\\s+\\S`, 'm'));
  });
});

describe.each(['minimal', 'dag', 'customer-features'])(
  'a project made by the installed workflow init --template %s',
  (template) => {
    const name = `demo-${template}`;
    let dir: string;

    beforeAll(() => {
      const cli = path.join(work, 'consumer-pnpm/node_modules/.bin/workflow');
      const out = sh(work, cli, ['init', name, '--template', template, '--packages', packs]);
      expect(out).toContain(`Created ${name}`);
      dir = path.join(work, name);
    });

    it('installs and runs locally with the first command of its README', () => {
      const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
      const block = /```sh\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? '';
      const [install = '', test = ''] = block.split('\n');
      // The README's first command installs pnpm globally first: this machine has it.
      const steps = install.split(' && ').filter((s) => !s.startsWith('npm i -g'));
      expect(steps[0]).toBe('pnpm install');
      sh(dir, 'pnpm', ['install']);
      expect(steps[1]).toMatch(/^pnpm exec workflow run pipeline\.ts --local/);
      const run = sh(dir, 'sh', ['-c', steps[1] ?? '']);
      expect(run).toMatch(/run \S+ Succeeded/);
      expect(test).toBe('pnpm test');
    });

    it('passes its own tests, typecheck and lint', () => {
      expect(sh(dir, 'pnpm', ['test'])).toMatch(/Tests\s+\d+ passed/);
      sh(dir, 'pnpm', ['run', 'typecheck']);
      expect(sh(dir, 'pnpm', ['exec', 'workflow', 'lint', 'pipeline.ts'])).toContain('no linting errors');
    });

    it('compiles to a Kustomize layout and builds its stages for the image', () => {
      sh(dir, 'pnpm', ['exec', 'workflow', 'compile', 'pipeline.ts', '--out', 'deploy/']);
      const base = fs.readFileSync(path.join(dir, 'deploy/base/kustomization.yaml'), 'utf8');
      expect(base).toContain(`workflow-template-${name}.yaml`);
      expect(fs.existsSync(path.join(dir, 'deploy/overlays/production/kustomization.yaml'))).toBe(true);
      sh(dir, 'pnpm', ['run', 'build']);
      expect(fs.readdirSync(path.join(dir, 'dist/stages')).some((f) => f.endsWith('.js'))).toBe(true);
    });

    // After the install (which wrote pnpm-lock.yaml): what the image build needs is all inside the project.
    it('has its @sluice tarballs in vendor/, linked relatively, and a Dockerfile whose COPY sources are in the project', () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const links = Object.entries<string>({ ...manifest.dependencies, ...manifest.overrides }).filter(([dep]) =>
        dep.startsWith('@sluice/'),
      );
      expect(links.length).toBeGreaterThanOrEqual(packages.length);
      for (const [dep, range] of links) {
        expect(range, dep).toBe(`file:vendor/sluice-${short(dep)}-${version}.tgz`);
        expect(fs.statSync(path.join(dir, range.slice('file:'.length))).size, dep).toBeGreaterThan(0);
      }
      const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
      const ignored = fs.readFileSync(path.join(dir, '.dockerignore'), 'utf8').split('\n').filter(Boolean);
      const sources = [...dockerfile.matchAll(/^COPY (?!--from=)(.+) \S+$/gm)].flatMap((m) => (m[1] ?? '').split(' '));
      expect(sources).toContain('vendor/');
      for (const source of sources) {
        const resolved = path.resolve(dir, source);
        expect(path.relative(dir, resolved).startsWith('..'), source).toBe(false);
        expect(fs.existsSync(resolved), source).toBe(true);
        expect(
          ignored.some((i) => source.replace(/\/$/, '') === i.replace(/\/$/, '')),
          source,
        ).toBe(false);
      }
      const firstInstall = dockerfile.indexOf('RUN pnpm install');
      expect(dockerfile.indexOf('COPY vendor/')).toBeLessThan(firstInstall);
    });
  },
);

it('packs with the workspace versions replaced', () => {
  const manifest = execFileSync('tar', ['xzf', tarball('cli'), '-O', 'package/package.json'], { encoding: 'utf8' });
  expect(manifest).not.toContain('workspace:');
});
