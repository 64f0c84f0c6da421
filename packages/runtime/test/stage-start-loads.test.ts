import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { bundleFixture, finished, makeRunDirs, packageDir, stageEnv, startScript } from './helpers/run-fixture.js';

/**
 * Regression: every stage process loaded zod (for default schemas) and prom-client with OpenTelemetry (for
 * metrics), about 270 modules and most of a no-op stage's start-up. A stage that declares no schemas now loads
 * neither, and still writes its metrics.
 */
it('a stage without params or outputs runs, writes its metrics, and loads neither zod nor a metrics library', async () => {
  const bundle = await bundleFixture('noop-stage.ts');
  const dirs = makeRunDirs();
  const recorded = join(dirs.root, 'modules.txt');
  const recorder = resolve(packageDir, '../cli/test/support/record-modules.mjs');
  const result = await finished(
    startScript(bundle, ['--param', 'execution-date=2026-06-17'], stageEnv(dirs, { SLUICE_RECORD_MODULES: recorded }), [
      '--import',
      recorder,
    ]),
  );
  expect(result.code, result.stderr).toBe(0);
  expect(result.logs.map((l) => l.msg)).toEqual(['stage started', 'stage succeeded']);
  expect(readFileSync(dirs.metricsFile, 'utf8')).toMatch(/^job_success\{.*stage="noop".*\} 1$/m);
  const modules = readFileSync(recorded, 'utf8').split('\n');
  expect(modules.length).toBeGreaterThan(1); // the recorder saw the bundle itself
  for (const heavy of ['/zod/', '/prom-client/', '/@opentelemetry/'])
    expect(
      modules.filter((m) => m.includes(heavy)),
      heavy,
    ).toEqual([]);
});
