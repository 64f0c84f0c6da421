import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listPartitionVersions, partitionRelation, replacePartition, rollbackPartition } from '../src/index.js';
import { newRowsQuery, oldRowsQuery } from './fixtures/rows.js';
import { summarize, useScratch } from './helpers.js';
import { bundleFixture } from './spawn.js';

const scratch = useScratch();
const DATE = '2026-06-17';
const ROWS = 60_000;
/**
 * `pnpm test` runs 6 trials, cheap enough for a busy 2-core machine; `pnpm test:soak` (SLUICE_SOAK=1) runs
 * the full 50 with its own generous time limit.
 */
const SOAK = process.env.SLUICE_SOAK === '1';
const TRIALS = SOAK ? 50 : 6;
const SEED = 20260617;

interface Killed {
  /** Milliseconds after `ready` at which SIGKILL was sent. */
  readonly delay: number;
  /** Whether the child finished before the signal landed. */
  readonly finished: boolean;
}

/** Starts the replace in a child process and kills it with SIGKILL `delay` ms after it is ready. */
function replaceAndKill(
  script: string,
  root: string,
  name: string,
  delay: number | undefined,
): Promise<Killed & { ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, root, name, DATE, String(ROWS)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (delay !== undefined && timer === undefined && out.includes('ready\n')) {
        timer = setTimeout(() => child.kill('SIGKILL'), delay);
      }
    });
    child.on('error', reject);
    child.on('close', () => {
      if (timer) clearTimeout(timer);
      const done = /done (\d+)/.exec(out);
      resolve({ delay: delay ?? 0, finished: done !== null, ms: Number(done?.[1] ?? 0) });
    });
  });
}

/** A small seeded generator (mulberry32), so a failing trial can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function leftovers(root: string, name: string): Promise<string[]> {
  const datasetEntries = await readdir(join(root, name));
  const versionEntries = await readdir(join(root, name, '.versions', `date=${DATE}`));
  return [...datasetEntries, ...versionEntries].filter((n) => n.includes('.link-') || /^\.(staging|trash)-/.test(n));
}

describe('replacePartition under kill -9', () => {
  it(
    `leaves the old or the new version at ${TRIALS} seeded random kill points, and a re-run equals a clean run`,
    async () => {
      const db = scratch.db();
      const root = join(scratch.dir(), 'crash');
      const oldSummary = await summarize(db, `(${oldRowsQuery(ROWS)})`);
      const newSummary = await summarize(db, `(${newRowsQuery(ROWS)})`);
      expect(newSummary).not.toEqual(oldSummary);

      // Calibrate: how long does a whole replace take in the child, from `ready` to `done`?
      // Calibrate under the same load as the trials (two children at once): how long does a whole replace take?
      const script = await bundleFixture('replace-stage.ts');
      const calibration = await Promise.all(
        ['calibrate-a', 'calibrate-b'].map(async (name) => {
          await replacePartition(db.connection, { root, name }, DATE, { query: oldRowsQuery(ROWS) });
          return replaceAndKill(script, root, name, undefined);
        }),
      );
      expect(calibration.every((c) => c.finished)).toBe(true);
      // The kill lands at a seeded random fraction (0 to 1.2) of the replace's duration. The duration estimate
      // follows the load of the machine: finished children report theirs, and a run of kills that all left the
      // old version (the replace was slower than thought) stretches it.
      let estimate = Math.max(5, ...calibration.map((c) => c.ms));
      let oldStreak = 0;
      const next = random(SEED);
      const trials = Array.from({ length: TRIALS }, (_, i) => ({
        name: `trial-${i}`,
        fraction: next() * 1.2,
        delay: 0,
      }));
      const outcomes: { name: string; delay: number; finished: boolean; saw: 'old' | 'new' }[] = [];
      // Two children at a time: the machine has two cores.
      for (let i = 0; i < trials.length; i += 2) {
        const batch = trials.slice(i, i + 2);
        // Two old versions, so the child's replace (keeping 2) also prunes one: kills land in the prune as well.
        for (let v = 0; v < 2; v++) {
          await Promise.all(
            batch.map((t) =>
              replacePartition(db.connection, { root, name: t.name }, DATE, { query: oldRowsQuery(ROWS) }),
            ),
          );
        }
        for (const t of batch) t.delay = t.fraction * estimate;
        const killed = await Promise.all(batch.map((t) => replaceAndKill(script, root, t.name, t.delay)));
        for (const [j, t] of batch.entries()) {
          const seen = await summarize(db, await partitionRelation({ root, name: t.name }, DATE));
          const saw = JSON.stringify(seen) === JSON.stringify(oldSummary) ? 'old' : 'new';
          expect(seen, `${t.name} killed ${t.delay.toFixed(1)} ms after ready`).toEqual(
            saw === 'old' ? oldSummary : newSummary,
          );
          const result = killed[j];
          outcomes.push({ name: t.name, delay: t.delay, finished: result?.finished ?? false, saw });
          if (result?.finished) estimate = Math.max(5, (estimate + result.ms) / 2);
          oldStreak = saw === 'old' ? oldStreak + 1 : 0;
          if (oldStreak >= 2) {
            estimate *= 1.5;
            oldStreak = 0;
          }
        }
        // A loaded machine can make every kill of a short run land on one side of the swap, which proves nothing:
        // then more seeded kill points follow (at most twice as many again), with the estimate adjusted above.
        const bothSides = outcomes.some((o) => o.saw === 'old') && outcomes.some((o) => o.saw === 'new');
        if (i + 2 >= trials.length && !bothSides && trials.length < TRIALS * 3) {
          for (let k = 0; k < 2; k++) trials.push({ name: `trial-${trials.length}`, fraction: next() * 1.2, delay: 0 });
        }
      }
      // The kills must have landed both before and after the swap, or the test proved nothing.
      const summary = outcomes.map((o) => `${o.delay.toFixed(0)}ms:${o.saw}${o.finished ? '' : ':killed'}`).join(' ');
      expect(
        outcomes.some((o) => o.saw === 'old'),
        summary,
      ).toBe(true);
      expect(
        outcomes.some((o) => o.saw === 'new'),
        summary,
      ).toBe(true);
      expect(outcomes.filter((o) => !o.finished).length, summary).toBeGreaterThanOrEqual(TRIALS / 3);

      // Re-run every trial cleanly: leftovers are gone, versions are bounded, and the data equals a clean run's.
      await replacePartition(db.connection, { root, name: 'clean' }, DATE, { query: newRowsQuery(ROWS) });
      const clean = await summarize(db, await partitionRelation({ root, name: 'clean' }, DATE));
      for (const t of trials) {
        await replacePartition(
          db.connection,
          { root, name: t.name },
          DATE,
          { query: newRowsQuery(ROWS) },
          { keepVersions: 2 },
        );
        expect(await summarize(db, await partitionRelation({ root, name: t.name }, DATE))).toEqual(clean);
        expect(await leftovers(root, t.name)).toEqual([]);
        const versions = await listPartitionVersions({ root, name: t.name }, DATE);
        expect(versions.length).toBeLessThanOrEqual(2);
        expect(versions.filter((v) => v.current)).toHaveLength(1);
      }
    },
    SOAK ? 1_200_000 : 240_000,
  );
});

describe('version numbering', () => {
  it('keeps at most keepVersions, the current one always the highest, for any replace/rollback sequence', async () => {
    const db = scratch.db();
    const root = join(scratch.dir(), 'prop');
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constant('replace' as const), fc.constant('rollback' as const)), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 3 }),
        async (ops, keep) => {
          const ds = { root, name: `p${run++}` };
          let rows = 0;
          for (const op of ops) {
            if (op === 'replace') {
              rows += 1;
              await replacePartition(
                db.connection,
                ds,
                DATE,
                { query: `SELECT range AS id FROM range(${rows})` },
                { keepVersions: keep },
              );
            } else if ((await listPartitionVersions(ds, DATE).catch(() => [])).some((v) => !v.current)) {
              await rollbackPartition(ds, DATE, undefined, { keepVersions: keep });
            }
          }
          if (rows === 0) return;
          const versions = await listPartitionVersions(ds, DATE);
          expect(versions.filter((v) => v.current)).toHaveLength(1);
          const current = versions.find((v) => v.current);
          expect(versions.length).toBeLessThanOrEqual(keep);
          expect(current?.version).toBe(Math.max(...versions.map((v) => v.version)));
          const { rows: seen } = await summarize(db, await partitionRelation(ds, DATE));
          expect(seen).toBe(current?.rows);
        },
      ),
      { numRuns: 15, seed: SEED },
    );
  });
});
