import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { readCodeCache } from '../src/cached-script.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'sluice-cached-script-'));
  roots.push(dir);
  return dir;
}

const MODULE = pathToFileURL(path.resolve(import.meta.dirname, '../src/cached-script.ts')).href;

/** Runs `file` through runCachedCommonJs in a fresh process (the cache is written when a process exits). */
function runInChild(file: string): { same: boolean; described: Record<string, unknown> } {
  const code = [
    `import { runCachedCommonJs } from ${JSON.stringify(MODULE)};`,
    "const provided = { 'handed-in': { token: 'from the caller' } };",
    `const first = runCachedCommonJs(${JSON.stringify(file)}, provided);`,
    `const second = runCachedCommonJs(${JSON.stringify(file)}, provided);`,
    'console.log(JSON.stringify({ same: first === second, described: first.describe() }));',
  ].join('\n');
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    cwd: path.resolve(import.meta.dirname, '..'),
  });
  if (run.status !== 0) throw new Error(`child failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout.trim());
}

describe('runCachedCommonJs', () => {
  const dir = tempDir();
  const file = path.join(dir, 'library.cjs');
  writeFileSync(path.join(dir, 'beside.cjs'), "exports.value = 'resolved from the file';\n");
  writeFileSync(
    file,
    [
      "const path = require('node:path');",
      "const os = require('os');",
      "const handedIn = require('handed-in');",
      "const beside = require('./beside.cjs');",
      'globalThis.__sluiceRuns = (globalThis.__sluiceRuns ?? 0) + 1;',
      'exports.describe = () => ({',
      '  filename: __filename, dirname: __dirname, handedIn: handedIn.token, beside: beside.value,',
      "  builtins: typeof path.join === 'function' && typeof os.cpus === 'function', runs: globalThis.__sluiceRuns,",
      "  text: 'na\u00efve \u2014 \u2713 (written as UTF-8)',",
      '});',
    ].join('\n'),
  );
  const cacheFile = `${file}.code-cache`;
  const expected = {
    filename: file,
    dirname: dir,
    handedIn: 'from the caller',
    beside: 'resolved from the file',
    builtins: true,
    runs: 1,
    text: 'na\u00efve \u2014 \u2713 (written as UTF-8)',
  };

  it('runs a CommonJS file once per process, as Node would, and writes its code cache when the process exits', () => {
    expect(runInChild(file)).toEqual({ same: true, described: expected });
    expect(readCodeCache(cacheFile, readFileSync(cacheFile).readUInt32LE(12))).toBeDefined();
  });

  it('takes the compiled code from the cache when it is intact (and leaves the cache as it is)', () => {
    const before = statSync(cacheFile).mtimeMs;
    const bytes = readFileSync(cacheFile);
    expect(runInChild(file)).toEqual({ same: true, described: expected });
    expect(statSync(cacheFile).mtimeMs).toBe(before);
    expect(readFileSync(cacheFile).equals(bytes)).toBe(true);
  });

  it('compiles from source over a damaged cache, and replaces the cache', () => {
    const damaged = readFileSync(cacheFile);
    const at = 16 + (damaged.readUInt32LE(8) >> 1);
    damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    writeFileSync(cacheFile, damaged);
    expect(runInChild(file)).toEqual({ same: true, described: expected });
    expect(readFileSync(cacheFile).equals(damaged)).toBe(false);
    expect(readCodeCache(cacheFile, readFileSync(cacheFile).readUInt32LE(12))).toBeDefined();
  });
});

describe('readCodeCache', () => {
  const dir = tempDir();
  const source = '(function () { return 42; })';
  const payload = new vm.Script(source).createCachedData();

  function write(name: string, parts: { length?: number; sourceLength?: number; copies: Buffer[] }): string {
    const header = Buffer.alloc(16);
    header.write('SLUICEV8');
    header.writeUInt32LE(parts.length ?? payload.length, 8);
    header.writeUInt32LE(parts.sourceLength ?? source.length, 12);
    const file = path.join(dir, name);
    writeFileSync(file, Buffer.concat([header, ...parts.copies]));
    return file;
  }

  it('returns the payload of an intact cache', () => {
    const cache = readCodeCache(write('intact', { copies: [payload, payload] }), source.length);
    expect(cache?.equals(payload)).toBe(true);
    expect(new vm.Script(source, { cachedData: cache }).cachedDataRejected).toBe(false);
  });

  it('refuses a damaged payload (V8 would abort on it), a truncated file, another source length, no file', () => {
    const damaged = Buffer.from(payload);
    damaged[damaged.length >> 1] = (damaged[damaged.length >> 1] ?? 0) ^ 0xff;
    expect(readCodeCache(write('damaged', { copies: [damaged, payload] }), source.length)).toBeUndefined();
    expect(
      readCodeCache(write('truncated', { copies: [payload, payload.subarray(1)] }), source.length),
    ).toBeUndefined();
    expect(readCodeCache(write('other', { copies: [payload, payload] }), source.length + 1)).toBeUndefined();
    expect(readCodeCache(path.join(dir, 'missing'), source.length)).toBeUndefined();
    writeFileSync(path.join(dir, 'garbage'), 'not a cache at all');
    expect(readCodeCache(path.join(dir, 'garbage'), source.length)).toBeUndefined();
  });
});
