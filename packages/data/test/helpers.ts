import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type DuckDB, openDuckDB } from '../src/index.js';

/** A temp directory and an open DuckDB for one test file; both go away after the file's tests. */
export function useScratch(): { dir: () => string; db: () => DuckDB } {
  let dir = '';
  let db: DuckDB | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-data-test-'));
    db = await openDuckDB({ scratchDir: dir, threads: 1 });
  });
  afterAll(async () => {
    db?.close();
    await rm(dir, { recursive: true, force: true });
  });
  return {
    dir: () => dir,
    db: () => {
      if (db === undefined) throw new Error('useScratch: DuckDB is not open yet');
      return db;
    },
  };
}

/** Row count and an order-independent checksum of a query's rows. */
export async function summarize(db: DuckDB, relation: string): Promise<{ rows: number; checksum: string }> {
  const reader = await db.connection.runAndReadAll(
    `SELECT count(*) AS n, coalesce(sum(hash(t)), 0)::VARCHAR AS h FROM (SELECT * FROM ${relation}) AS t`,
  );
  const [n, h] = reader.getRows()[0] ?? [];
  return { rows: Number(n), checksum: String(h) };
}
