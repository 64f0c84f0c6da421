import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExitCode, main } from '../src/index.js';
import { capture } from './support/io.js';

// A copy of the fixture project under this package, so that its imports (@sluice/sdk, @sluice/runtime, tsx)
// resolve from the package's node_modules as they would in a real project.
const fixture = path.resolve(import.meta.dirname, 'fixtures/projects/renamed-stage');
let project: string;
beforeAll(() => {
  project = mkdtempSync(path.join(path.dirname(fixture), '.tmp-renamed-stage-'));
  cpSync(fixture, project, { recursive: true });
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

interface Template {
  name: string;
  metadata?: { annotations?: Record<string, string> };
  container?: { command?: string[] };
}

async function compiledTemplate(): Promise<Template> {
  const io = capture({ PATH: process.env.PATH }, project);
  expect(await main(['compile', 'pipelines/events.ts', '-o', 'json'], io), io.err()).toBe(ExitCode.Ok);
  const docs = JSON.parse(io.out()) as { kind: string; spec: { templates: Template[] } }[];
  const template = docs
    .find((d) => d.kind === 'WorkflowTemplate')
    ?.spec.templates.find((t) => t.name === 'dedupe-events');
  if (template === undefined) throw new Error(`no stage template in ${io.out().slice(0, 200)}`);
  return template;
}

it('derives the stage module from the file that calls defineStage, not from the stage name', async () => {
  const template = await compiledTemplate();
  expect(template.metadata?.annotations?.['sluice.dev/stage-module']).toBe('stages/dedupe.ts');
  expect(JSON.parse(template.metadata?.annotations?.['sluice.dev/local-command'] ?? '[]').slice(0, 4)).toEqual([
    'node',
    '--import',
    'tsx',
    'stages/dedupe.ts',
  ]);
  expect(template.container?.command).toEqual([
    'node',
    '--import',
    '@sluice/runtime/start-guard',
    '/app/dist/stages/dedupe.js',
  ]);
});

it('compiles to an image path that the built image layout has, and that runs the stage', async () => {
  const command = (await compiledTemplate()).container?.command ?? [];
  // Build as the example's tsup config does (stages/*.ts into dist/stages/), with the esbuild tsup uses.
  const requireFromTsup = createRequire(createRequire(import.meta.url).resolve('tsup'));
  const esbuild = requireFromTsup('esbuild') as { buildSync(options: Record<string, unknown>): unknown };
  esbuild.buildSync({
    absWorkingDir: project,
    entryPoints: readdirSync(path.join(project, 'stages')).map((f) => `stages/${f}`),
    outdir: 'dist/stages',
    bundle: true,
    format: 'esm',
    platform: 'node',
    external: ['@sluice/*'],
    logLevel: 'silent',
  });
  // The whole command, with the project standing in for the image's /app (its working directory).
  const [node, ...args] = command.map((a) => a.replace(/^\/app\//, ''));
  expect(node).toBe('node');
  const inImage = args.at(-1) ?? '';
  expect(existsSync(path.join(project, inImage))).toBe(true);
  const outputs = mkdtempSync(path.join(os.tmpdir(), 'sluice-outputs-'));
  const run = spawnSync(process.execPath, [...args, '--param', 'execution-date=2026-06-17'], {
    cwd: project,
    env: { PATH: process.env.PATH, SLUICE_OUTPUTS_DIR: outputs, SLUICE_STAGE: 'dedupe-events' },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  expect(readFileSync(path.join(project, 'ran-2026-06-17'), 'utf8')).toBe('dedupe-events');
});

it('runs a pipeline entry in a sub-folder with its renamed stage locally, from another directory', async () => {
  const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'sluice-caller-'));
  mkdirSync(path.join(elsewhere, 'sub'));
  const io = capture({ PATH: process.env.PATH }, elsewhere);
  const entry = path.join(project, 'pipelines/events.ts');
  const code = await main(['run', entry, '--local', '-p', 'execution-date=2026-06-18'], io);
  expect(code, `${io.out()}\n${io.err()}`).toBe(ExitCode.Ok);
  // The stage ran in the project directory (where package.json is), not in pipelines/ nor the caller's directory.
  expect(readFileSync(path.join(project, 'ran-2026-06-18'), 'utf8')).toBe('dedupe-events');
});

it('stops lint, compile and run with exit 2 naming the stage, its module and the fix when the module is missing', async () => {
  for (const args of [
    ['lint', 'pipelines/missing-module.ts'],
    ['compile', 'pipelines/missing-module.ts'],
    ['run', 'pipelines/missing-module.ts', '--local', '-p', 'execution-date=2026-06-17'],
  ]) {
    const io = capture({ PATH: process.env.PATH }, project);
    expect(await main(args, io), args.join(' ')).toBe(ExitCode.Usage);
    expect(`${io.out()}${io.err()}`).toContain(
      'stage "missing-stage": its module stages/missing-stage.ts does not exist in the project',
    );
    expect(`${io.out()}${io.err()}`).toContain("create it with `export default defineStage({ name: 'missing-stage'");
  }
});
