import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { finished, fixture, makeRunDirs, params, runFixture, stageEnv, startScript } from './helpers/run-fixture.js';

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

  it('bug: a host that awaits a tsx import of a pipeline at its top level is not evaluated twice', async () => {
    // The `workflow` command ran `compile`, `run --local` and `submit` twice for a .ts entry: its bin was an
    // async frame on defineStage's stack, so the runtime re-imported it (under tsx's namespace) as "the entry".
    const dirs = makeRunDirs();
    const result = await finished(startScript(fixture('tsx-import-host.mjs'), [], stageEnv(dirs)));
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter((line) => line === 'host evaluated')).toHaveLength(1);
    expect(result.stdout).toContain('host done object');
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
