import { spawn, spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listPartitionVersions, partitionRelation, replacePartition } from '../src/index.js';
import { lockPartition } from '../src/partition-lock.js';
import { newRowsQuery } from './fixtures/rows.js';
import { summarize, useScratch } from './helpers.js';
import { bundleFixture } from './spawn.js';

const scratch = useScratch();
const DATE = '2026-06-17';

function runStage(
  script: string,
  root: string,
  name: string,
  rows: number,
): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, root, name, DATE, String(rows)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, err }));
  });
}

describe('concurrent writers of one partition', () => {
  it('two runs replacing the same partition at once both succeed, in turn, leaving one complete version', async () => {
    const script = await bundleFixture('replace-stage.ts');
    const root = join(scratch.dir(), 'lake');
    const sizes = [20_000, 30_000, 40_000, 50_000];
    // Two rounds of four writers started together (without the lock, one's cleanup removed another's staging).
    for (let round = 0; round < 2; round++) {
      const results = await Promise.all(sizes.map((rows) => runStage(script, root, 'shared', rows)));
      for (const r of results) expect(r, r.err).toMatchObject({ code: 0 });
    }
    const versions = await listPartitionVersions({ root, name: 'shared' }, DATE);
    const current = versions.filter((v) => v.current);
    expect(current).toHaveLength(1);
    expect(current[0]?.version).toBe(8);
    const seen = await summarize(scratch.db(), await partitionRelation({ root, name: 'shared' }, DATE));
    // newRowsQuery(n) gives n + 123 rows: the current version is exactly one writer's complete output.
    expect(sizes.map((n) => n + 123)).toContain(seen.rows);
    expect(seen.rows).toBe(current[0]?.rows);
    const left = await readdir(join(root, 'shared', '.versions', `date=${DATE}`));
    expect(left.filter((n) => n.startsWith('.'))).toEqual([]);
  }, 60_000);

  it('a writer waiting longer than lockTimeoutMs fails cleanly, naming the holder; the partition is untouched', async () => {
    const root = join(scratch.dir(), 'held');
    const db = scratch.db();
    const first = await replacePartition(db.connection, { root, name: 'x' }, DATE, { query: newRowsQuery(10) });
    const unlock = await lockPartition(join(root, 'x', '.versions', `date=${DATE}`), 'x');
    try {
      await expect(
        replacePartition(db.connection, { root, name: 'x' }, DATE, { query: newRowsQuery(20) }, { lockTimeoutMs: 150 }),
      ).rejects.toThrow(new RegExp(`a writer \\(pid ${process.pid} on .*\\) is still writing this partition`));
    } finally {
      await unlock();
    }
    const versions = await listPartitionVersions({ root, name: 'x' }, DATE);
    expect(versions.map((v) => [v.version, v.current])).toEqual([[first.version, true]]);
  });

  it('a lock left by a killed writer (its process is gone) is broken by the next one', async () => {
    const root = join(scratch.dir(), 'stale');
    const dir = join(root, 'y', '.versions', `date=${DATE}`);
    await mkdir(dir, { recursive: true });
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    await writeFile(
      join(dir, '.lock'),
      JSON.stringify({ pid: Number(gone), host: hostname(), token: 'dead', acquiredAt: new Date().toISOString() }),
    );
    const write = await replacePartition(scratch.db().connection, { root, name: 'y' }, DATE, {
      query: newRowsQuery(5),
    });
    expect(write.rows).toBe(128);
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});
