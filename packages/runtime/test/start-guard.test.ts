import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFailure } from '../src/start-guard.js';
import {
  bundleFixture,
  finished,
  fixture,
  makeRunDirs,
  params,
  stageEnv,
  startScript,
  tempDir,
} from './helpers/run-fixture.js';

// The compiled stage's container command: `node --import @sluice/runtime/start-guard /app/dist/stages/<file>.js`.
// The package resolves itself by name, so this loads the built guard (dist/), as an image does.
const guard = ['--import', '@sluice/runtime/start-guard'];

async function startGuarded(file: string, args: readonly string[] = [], extra: Record<string, string> = {}) {
  const terminationLog = join(tempDir('sluice-start-guard-'), 'termination-log');
  const env = stageEnv(makeRunDirs(), {
    SLUICE_STAGE: 'dedupe-events',
    SLUICE_TERMINATION_LOG: terminationLog,
    ...extra,
  });
  const result = await finished(startScript(file, args, env, guard));
  let message = '';
  try {
    message = readFileSync(terminationLog, 'utf8');
  } catch {}
  return { ...result, message };
}

describe('the start guard of a stage image', () => {
  it('bug: a stage whose module imports a missing file exits 2 (never retried), naming the stage, not 1', async () => {
    const r = await startGuarded(fixture('start-guard/missing-import.mjs'));
    expect(r.code).toBe(2);
    const line =
      /^stage dedupe-events could not start \(fatal, not retried\): ERR_MODULE_NOT_FOUND: Cannot find module '.*not-there\.js'/;
    expect(r.stderr).toMatch(line);
    expect(r.message).toMatch(line);
  });

  it('a syntax error exits 2 and names the module Node was loading', async () => {
    // Written here: a file that does not parse cannot live in the repository's linted sources.
    const file = join(tempDir('sluice-start-guard-'), 'syntax-error.mjs');
    writeFileSync(file, 'export const broken = ;\n');
    const r = await startGuarded(file);
    expect(r.code).toBe(2);
    expect(r.message).toBe(
      `stage dedupe-events could not start (fatal, not retried): SyntaxError: Unexpected token ';' (in ${file} or a module it imports)`,
    );
  });

  it('a missing stage file exits 2', async () => {
    const r = await startGuarded(fixture('start-guard/no-such-stage.js'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('could not start (fatal, not retried): ERR_MODULE_NOT_FOUND');
  });

  it('an error thrown while the module runs is not a start failure: printed, exit 1, as without the guard', async () => {
    const r = await startGuarded(fixture('start-guard/throws-at-load.mjs'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Error: thrown while loading');
    expect(r.stderr).not.toContain('could not start');
    expect(r.message).toBe('');
  });

  it.each([
    ['ok', 0],
    ['retriable', 1],
    ['fatal', 2],
    ['unexpected', 1],
  ] as const)('steps aside once the stage runs: a bundled stage in mode %s exits %i', async (mode, code) => {
    const bundle = await bundleFixture('basic-stage.ts');
    const r = await startGuarded(bundle, params({ mode, 'execution-date': '2026-06-17' }));
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).not.toContain('could not start');
  });
});

describe('startFailure', () => {
  it('recognises what Node raises for a program it cannot load, and nothing else', () => {
    const missing = Object.assign(new Error("Cannot find package 'zod'"), { code: 'ERR_MODULE_NOT_FOUND' });
    expect(startFailure(missing, 'extract')).toBe(
      "stage extract could not start (fatal, not retried): ERR_MODULE_NOT_FOUND: Cannot find package 'zod'",
    );
    expect(startFailure(new SyntaxError('Unexpected end of input'), 'extract')).toContain('SyntaxError');
    expect(startFailure(new TypeError('x is undefined'), 'extract')).toBeUndefined();
    expect(startFailure(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), 'extract')).toBeUndefined();
    expect(startFailure('not an error', 'extract')).toBeUndefined();
  });
});
