import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { initialState, nextState, type WriterState } from './fixtures/checkpoint-writer.js';
import { bundleFixture, finished, makeRunDirs, params, stageEnv, startScript } from './helpers/run-fixture.js';

/** The fixture, bundled as a stage image would ship it: 55 process starts under tsx would cost ~25 s of CPU. */
let writer = '';
beforeAll(async () => {
  writer = await bundleFixture('checkpoint-writer.ts');
});

/** Fixed seed so a failure reproduces; override with SLUICE_KILL_SEED to explore. */
const seed = Number(process.env.SLUICE_KILL_SEED ?? 20260617);
/**
 * `pnpm test` runs one chain of 6 kills, cheap enough for a busy 2-core machine; `pnpm test:soak`
 * (SLUICE_SOAK=1) runs the full 5 chains of 10 kills with its own generous time limit.
 */
const soak = process.env.SLUICE_SOAK === '1';
const chains = soak ? 5 : 1;
const killsPerChain = soak ? 10 : 6;
const steps = 300;
const payloadLines = 2000;
const args = params({ steps, 'payload-lines': payloadLines, 'execution-date': '2026-06-17' });

/** The digest of every step of a clean run, computed in this process. */
const digests = [initialState.digest];
for (let state: WriterState = initialState; state.step < steps; ) {
  state = nextState(state, 0);
  digests.push(state.digest);
}

function readCheckpoint(file: string): WriterState | undefined {
  if (!existsSync(file)) return undefined;
  const envelope = JSON.parse(readFileSync(file, 'utf8')) as { state: WriterState };
  return envelope.state;
}

/** A complete state of some step: the digest of that step and its whole payload. */
function expectComplete(state: WriterState): void {
  expect(state.digest).toBe(digests[state.step]);
  expect(state.payload).toHaveLength(payloadLines);
  expect(state.payload[payloadLines - 1]).toBe(`${state.digest}-${payloadLines - 1}`);
}

async function runChain(delays: readonly number[]): Promise<number> {
  const dirs = makeRunDirs();
  const env = stageEnv(dirs);
  const file = join(dirs.checkpoints, 'wf-test/uid-1/checkpoint-writer/partition-0.json');
  let lastStep = 0;
  let kills = 0;
  for (const delay of delays) {
    const child = startScript(writer, args, env);
    const done = finished(child);
    await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, delay));
    child.kill('SIGKILL');
    const result = await done;
    if (result.signal === 'SIGKILL') kills++;
    const state = readCheckpoint(file);
    if (state) {
      expectComplete(state);
      // The previous state or a newer one; never older, never partial.
      expect(state.step).toBeGreaterThanOrEqual(lastStep);
      lastStep = state.step;
    }
  }
  const resumed = await finished(startScript(writer, args, env));
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(Number(readFileSync(join(dirs.outputs, 'resumed-from'), 'utf8'))).toBe(lastStep);
  expect(readFileSync(join(dirs.outputs, 'digest'), 'utf8')).toBe(digests[steps]);
  // Success removes the checkpoint, and the resumed attempt cleared the killed attempts' temporary files.
  expect(existsSync(file)).toBe(false);
  expect(existsSync(dirname(file)) ? readdirSync(dirname(file)) : []).toEqual([]);
  return kills;
}

it(
  `kill -9 at ${chains * killsPerChain} seeded random points during checkpoint writes never leaves a partial checkpoint, and resuming gives the clean result`,
  async () => {
    const plans = fc.sample(
      fc.array(fc.integer({ min: 0, max: 120 }), { minLength: killsPerChain, maxLength: killsPerChain }),
      { seed, numRuns: chains },
    );
    let kills = 0;
    // Two chains at a time: the machine has two cores.
    for (let i = 0; i < plans.length; i += 2) {
      const counts = await Promise.all(plans.slice(i, i + 2).map(runChain));
      kills += counts.reduce((a, b) => a + b, 0);
    }
    expect(kills).toBeGreaterThanOrEqual(chains * killsPerChain - 2);
  },
  soak ? 900_000 : 120_000,
);
