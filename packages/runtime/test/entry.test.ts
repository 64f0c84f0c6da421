import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeRunDirs, params, runFixture, stageEnv } from './helpers/run-fixture.js';

describe('a stage module as the process entry', () => {
  it('runs when its module is the entry', async () => {
    const dirs = makeRunDirs();
    const result = await runFixture(
      'basic-stage.ts',
      params({ mode: 'ok', 'execution-date': '2026-01-02' }),
      stageEnv(dirs),
    );
    expect(result.code).toBe(0);
    expect(result.logs.map((line) => line.msg)).toContain('stage started');
  });

  it('does not run when a pipeline imports it for its types and names', async () => {
    const dirs = makeRunDirs();
    const result = await runFixture('pipeline-importer.ts', [], stageEnv(dirs));
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      basic: ['execution-date', 'mode', 'row-count', 'dry-run'],
      long: ['total', 'resumed-from'],
    });
    expect(result.stderr).toBe('');
    expect(existsSync(dirs.outputs)).toBe(false);
  });

  it('does not run a stage that the entry module defines but does not export as default', async () => {
    const result = await runFixture('named-export-stage.ts', [], stageEnv(makeRunDirs()));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('module evaluated\n');
    expect(result.stderr).toBe('');
  });

  it('does not run with SLUICE_STAGE_AUTORUN=0, for callers that start it with runStage themselves', async () => {
    const dirs = makeRunDirs();
    const args = params({ mode: 'ok', 'execution-date': '2026-01-02' });
    const result = await runFixture('basic-stage.ts', args, stageEnv(dirs, { SLUICE_STAGE_AUTORUN: '0' }));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(existsSync(dirs.outputs)).toBe(false);
  });
});
