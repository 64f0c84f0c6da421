import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { tempProject } from './support/run.js';
import { bundleRunner, type Ended, running, startRunner } from './support/spawn-runner.js';

/**
 * Issue 3: `kill -9` of the runner at seeded points during a 3-step run, each followed by `--resume`. `pnpm test`
 * runs 3 points; `pnpm test:soak` (SLUICE_SOAK=1) runs the full 20. Override the seed with SLUICE_KILL_SEED.
 */
const soak = process.env.SLUICE_SOAK === '1';
const points = soak ? 20 : 3;
const seed = Number(process.env.SLUICE_KILL_SEED ?? 20261204);
const fixture = path.resolve(import.meta.dirname, 'fixtures/kill-resume');
let runner = '';

beforeAll(async () => {
  runner = await bundleRunner(path.join(fixture, 'runner.ts'), 'kill-resume-runner');
});

function project(): string {
  const cwd = tempProject();
  copyFileSync(path.join(fixture, 'workflow.yaml'), path.join(cwd, 'workflow.yaml'));
  return cwd;
}

function result(ended: Ended): { phase: string; outputs: Record<string, string> } {
  expect(ended.code, ended.stderr).toBe(0);
  return JSON.parse(ended.stdout.trim().split('\n').at(-1) ?? '{}');
}

/** `start a 123`, `child a 124`, `done a 123` lines the steps wrote. */
function events(cwd: string): { kind: string; step: string; pid: number }[] {
  const file = path.join(cwd, 'events');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => {
      const [kind = '', step = '', pid = ''] = l.split(' ');
      return { kind, step, pid: Number(pid) };
    });
}

async function cleanRun(): Promise<Record<string, string>> {
  const cwd = project();
  const run = startRunner(runner, [cwd], /^started /);
  const clean = result(await run.ended);
  expect(clean.phase).toBe('Succeeded');
  return clean.outputs;
}

/** One kill and resume; returns whether the kill landed before the run ended. */
async function trial(delayMs: number, clean: Record<string, string>): Promise<boolean> {
  const cwd = project();
  const first = startRunner(runner, [cwd], /^started /);
  const started = await first.line;
  expect(started, 'the runner never started the run').toBeDefined();
  const runId = (started ?? '').slice('started '.length);
  const runDir = path.join(cwd, '.sluice', 'runs', runId);
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  first.child.kill('SIGKILL');
  const killed = await first.ended;
  // What the killed run's status.json says had succeeded: these must not run again.
  const statusFile = path.join(runDir, 'status.json');
  const status = existsSync(statusFile)
    ? (JSON.parse(readFileSync(statusFile, 'utf8')) as {
        nodes?: Record<string, { displayName?: string; type?: string; phase?: string }>;
      })
    : {};
  const recorded = Object.values(status.nodes ?? {})
    .filter((n) => n.type === 'Pod' && n.phase === 'Succeeded')
    .map((n) => n.displayName ?? '');

  const resumed = result(await startRunner(runner, [cwd, runId], /^started /).ended);
  expect(resumed.phase).toBe('Succeeded');
  expect(resumed.outputs).toEqual(clean);
  const all = events(cwd);
  for (const step of recorded) {
    expect(
      all.filter((e) => e.kind === 'start' && e.step === step),
      `${step} ran again after succeeding`,
    ).toHaveLength(1);
  }
  // Every step that started (in the killed run or the resume) is gone, with its background child.
  const alive = all.filter((e) => running(e.pid));
  expect(alive, 'processes outlived the resume').toEqual([]);
  expect(existsSync(path.join(runDir, 'run.lock'))).toBe(false);
  expect(all.filter((e) => e.kind === 'done').map((e) => e.step)).toEqual(expect.arrayContaining(['a', 'b', 'c']));
  return killed.signal === 'SIGKILL';
}

it(
  `bug 3: kill -9 of the runner at ${points} seeded points of a 3-step run, then --resume: no succeeded step runs twice, no orphan outlives the resume, the outputs equal a clean run's`,
  async () => {
    const clean = await cleanRun();
    // A clean run takes three steps of 0.4 s each plus the start; the points cover it.
    const delays = fc.sample(fc.integer({ min: 0, max: 1800 }), { seed, numRuns: points });
    let landed = 0;
    for (const delay of delays) if (await trial(delay, clean)) landed++;
    expect(landed).toBeGreaterThanOrEqual(Math.ceil(points / 2));
  },
  soak ? 900_000 : 120_000,
);
