import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';

/**
 * `workflow compile` of a pipeline takes zod and `@sluice/data` from a vendor script compiled with a V8 code cache
 * (`<script>.code-cache`, written when the first compile exits). The cache only saves time: a missing, damaged or
 * refused one must give the same YAML, and be replaced by a good one.
 */
const repo = path.resolve(fileURLToPath(import.meta.url), '../../../..');
const bin = path.join(repo, 'packages/cli/bin/workflow.js');
const project = path.join(repo, 'examples/customer-features');
// Inside the project: the bundle's package imports resolve from where it is written.
const parent = path.join(project, '.sluice');
let cacheDir = '';
beforeAll(() => {
  mkdirSync(parent, { recursive: true });
  cacheDir = mkdtempSync(path.join(parent, 'vendor-code-cache-test-'));
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

function compile(): string {
  const result = spawnSync(process.execPath, [bin, 'compile', 'examples/customer-features/pipeline.ts'], {
    cwd: repo,
    env: { ...process.env, SLUICE_CACHE_DIR: cacheDir },
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
  expect(result.stderr).toBe('');
  return result.stdout;
}

function codeCache(): string {
  const caches = readdirSync(cacheDir).filter((f) => /^vendor-[0-9a-f]{16}\.cjs\.code-cache$/.test(f));
  expect(caches).toHaveLength(1);
  return path.join(cacheDir, caches[0] ?? '');
}

/** Whether a cache file holds the payload twice, as the loader writes it (the copies compare equal). */
function intact(file: string): boolean {
  const data = readFileSync(file);
  const length = data.readUInt32LE(8);
  return data.length === 16 + 2 * length && data.subarray(16, 16 + length).equals(data.subarray(16 + length));
}

it('writes the code cache on the first compile, uses it after, and gives the same YAML every time', () => {
  const cold = compile();
  expect(cold).toContain('kind: CronWorkflow');
  const cache = codeCache();
  expect(intact(cache)).toBe(true);
  const written = readFileSync(cache);
  const writtenAt = statSync(cache).mtimeMs;

  expect(compile()).toBe(cold);
  // Used, not refused: a refused cache would have been written again.
  expect(readFileSync(cache).equals(written)).toBe(true);
  expect(statSync(cache).mtimeMs).toBe(writtenAt);
});

it('compiles from source over a damaged code cache, and writes a good one (regression: V8 aborts on one)', () => {
  const before = compile();
  const cache = codeCache();
  const data = readFileSync(cache);
  // Flip bytes across the first copy of the payload: V8 itself would not notice (it checks no checksum outside
  // debug builds) and would abort the process while deserialising.
  for (let i = 64; i < 16 + data.readUInt32LE(8); i += 97) data[i] = (data[i] ?? 0) ^ 0x5a;
  writeFileSync(cache, data);
  expect(intact(cache)).toBe(false);

  expect(compile()).toBe(before);
  expect(intact(cache)).toBe(true);
  expect(compile()).toBe(before);
});

it('replaces a code cache that V8 refuses (made for another source) and gives the same YAML', () => {
  const before = compile();
  const cache = codeCache();
  const sourceLength = readFileSync(cache).readUInt32LE(12);
  // Well formed for the loader, but V8's own data for another script: V8 refuses it (cachedDataRejected).
  const foreign = new vm.Script('(function () { return 1; })').createCachedData();
  const header = Buffer.alloc(16);
  header.write('SLUICEV8');
  header.writeUInt32LE(foreign.length, 8);
  header.writeUInt32LE(sourceLength, 12);
  writeFileSync(cache, Buffer.concat([header, foreign, foreign]));

  expect(compile()).toBe(before);
  const rewritten = readFileSync(cache);
  expect(intact(cache)).toBe(true);
  expect(rewritten.readUInt32LE(8)).not.toBe(foreign.length);
});
