import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

/**
 * Regression: `workflow compile` of a pipeline loaded DuckDB, apache-arrow, prom-client and OpenTelemetry (about
 * 420 files) because the pipeline imports its stages, which import `@sluice/data` and `@sluice/runtime`. Those load
 * their heavy parts only when a stage runs; this records every module the built CLI loads and checks.
 */
const repo = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const bin = path.join(repo, 'packages/cli/bin/workflow.js');
const recorder = path.join(repo, 'packages/cli/test/support/record-modules.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'sluice-modules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;

function modulesLoadedBy(args: string[]): string[] {
  // One record per run: the recorder appends, and a file shared by two runs would mix their modules.
  const file = path.join(dir, `${args[0]}-${++runs}.txt`);
  const result = spawnSync(process.execPath, ['--import', recorder, bin, ...args], {
    cwd: repo,
    env: { ...process.env, SLUICE_RECORD_MODULES: file },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

const heavy = ['@duckdb', 'apache-arrow', 'prom-client', '@opentelemetry', 'flatbuffers'];

it('compile of examples/customer-features/pipeline.ts loads none of DuckDB, Arrow, prom-client, OpenTelemetry', () => {
  const loaded = modulesLoadedBy(['compile', 'examples/customer-features/pipeline.ts']);
  // The recorder works: the stages' own packages were loaded, for their definitions.
  expect(loaded.some((m) => m.includes('/packages/runtime/dist/'))).toBe(true);
  expect(loaded.filter((m) => heavy.some((h) => m.includes(`/node_modules/${h}`)))).toEqual([]);
  // `@sluice/data` (and zod) come from the entry bundle's vendor script, which is not a module the recorder sees:
  // the bundle's recorded inputs name every file bundled into it or its vendor script, and no heavy one is among them.
  const bundle = loaded.find((m) => /\/\.sluice\/cache\/[0-9a-f]{16}\.mjs$/.test(m));
  expect(bundle).toBeDefined();
  const record = JSON.parse(readFileSync(fileURLToPath(bundle ?? '').replace(/\.mjs$/, '.inputs.json'), 'utf8')) as {
    inputs: { file: string }[];
  };
  const inputs = record.inputs.map((input) => input.file);
  expect(inputs.some((file) => file.includes('/packages/data/dist/'))).toBe(true);
  expect(inputs.some((file) => /\/\.sluice\/cache\/vendor-[0-9a-f]{16}\.cjs$/.test(file))).toBe(true);
  expect(inputs.filter((file) => heavy.some((h) => file.includes(`/node_modules/${h}`)))).toEqual([]);
});

it('the same holds for lint and graph', () => {
  for (const command of ['lint', 'graph']) {
    const loaded = modulesLoadedBy([command, 'examples/customer-features/pipeline.ts']);
    expect(loaded.filter((m) => heavy.some((h) => m.includes(`/node_modules/${h}`)))).toEqual([]);
  }
});

it('a compile whose bundle is cached loads neither esbuild nor node:crypto (start-up cost of every edit-run loop)', () => {
  // Regression: the cache key was a SHA-256 and the atomic writer imported `node:crypto` at the top, so every
  // `compile` paid about 10 ms to load it though a cache hit hashes nothing and stdout needs no temp file.
  // `@sluice/data` and `@sluice/runtime` took it at import too, for hashes and temp names they make when a stage runs.
  for (const entry of ['examples/argo/hello-world.ts', 'examples/customer-features/pipeline.ts']) {
    modulesLoadedBy(['compile', entry]);
    const loaded = modulesLoadedBy(['compile', entry]);
    expect(loaded.some((m) => m.includes('/.sluice/cache/'))).toBe(true);
    expect(loaded.filter((m) => m === 'node:crypto' || m.includes('/node_modules/esbuild/'))).toEqual([]);
  }
});
