import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { finished, makeRunDirs, params, runFixture, stageEnv, startFixture } from './helpers/run-fixture.js';

const items = 60;
const args = params({ items, 'delay-ms': 25, 'execution-date': '2026-06-17' });
const checkpointPath = (root: string) => join(root, 'wf-test/uid-1/long-step/partition-0.json');

it('on SIGTERM aborts ctx.signal, flushes checkpoint and metrics within the grace period, exits 1; the retry resumes', async () => {
  const dirs = makeRunDirs();
  const env = stageEnv(dirs, {
    SLUICE_GRACE_SECONDS: '3',
    SLUICE_NODE_NAME: 'long-step(0)',
    SLUICE_PIPELINE: 'features',
  });
  const child = startFixture('long-stage.ts', args, env);
  const done = finished(child);
  await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const sentAt = Date.now();
  child.kill('SIGTERM');
  const first = await done;
  const stoppedAfter = Date.now() - sentAt;

  expect(first.code, first.stderr).toBe(1);
  expect(stoppedAfter).toBeLessThan(3000);
  expect(first.logs.some((line) => String(line.msg).startsWith('received SIGTERM'))).toBe(true);
  const saved = JSON.parse(readFileSync(checkpointPath(dirs.checkpoints), 'utf8')) as { state: { next: number } };
  expect(saved.state.next).toBeGreaterThan(0);
  expect(saved.state.next).toBeLessThan(items);
  const metrics = readFileSync(dirs.metricsFile, 'utf8');
  expect(metrics).toMatch(/^job_success\{.*pipeline="features".*\} 0$/m);
  expect(metrics).toMatch(new RegExp(`^job_processed_rows\\{.*\\} ${saved.state.next}$`, 'm'));
  expect(existsSync(join(dirs.outputs, 'total'))).toBe(false);

  // The retry is another pod: Argo names its node long-step(1); it shares the checkpoint and resumes.
  const retry = await runFixture('long-stage.ts', args, {
    ...env,
    SLUICE_NODE_NAME: 'long-step(1)',
    SLUICE_RETRY: '1',
  });
  expect(retry.code, retry.stderr).toBe(0);
  expect(Number(readFileSync(join(dirs.outputs, 'resumed-from'), 'utf8'))).toBe(saved.state.next);
  expect(Number(readFileSync(join(dirs.outputs, 'total'), 'utf8'))).toBe((items * (items - 1)) / 2);
  expect(readFileSync(dirs.metricsFile, 'utf8')).toMatch(/^job_retries_total\{.*\} 1$/m);
  expect(existsSync(checkpointPath(dirs.checkpoints))).toBe(false);
});

it('a stage that ignores ctx.signal is still stopped with exit 1 inside the grace period, its last save flushed', async () => {
  const dirs = makeRunDirs();
  const env = stageEnv(dirs, { SLUICE_GRACE_SECONDS: '1.5', SLUICE_NODE_NAME: 'long-step' });
  const child = startFixture('long-stage.ts', [...args, '--param', 'ignore-abort=true'], env);
  const done = finished(child);
  await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  const sentAt = Date.now();
  child.kill('SIGTERM');
  const result = await done;
  expect(result.code, result.stderr).toBe(1);
  expect(Date.now() - sentAt).toBeLessThan(1500 + 500);
  const saved = JSON.parse(readFileSync(checkpointPath(dirs.checkpoints), 'utf8')) as { state: { next: number } };
  expect(saved.state.next).toBeGreaterThan(1);
  expect(readFileSync(dirs.metricsFile, 'utf8')).toMatch(/^job_success\{.*\} 0$/m);
});
