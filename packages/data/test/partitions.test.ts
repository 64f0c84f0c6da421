import { lstat, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { FatalError } from '@sluice/runtime';
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import {
  executionDay,
  listPartitionVersions,
  partitionDir,
  partitionFiles,
  partitionRelation,
  readPartitionArrow,
  replacePartition,
  rollbackPartition,
  writePartitionFromArrow,
} from '../src/index.js';
import { summarize, useScratch } from './helpers.js';

const scratch = useScratch();
const ds = (name: string) => ({ root: join(scratch.dir(), 'lake'), name });

describe('Hive layout', () => {
  it('names partitions <root>/<dataset>/date=YYYY-MM-DD and rejects bad dates and names', () => {
    expect(partitionDir({ root: '/lake', name: 'orders' }, '2026-06-17')).toBe('/lake/orders/date=2026-06-17');
    expect(executionDay(new Date(Date.UTC(2026, 1, 28, 23)))).toBe('2026-02-28');
    expect(() => executionDay('2026-02-30')).toThrow(/2026-02-30.*YYYY-MM-DD/);
    expect(() => partitionDir({ root: '/lake', name: '../etc' }, '2026-06-17')).toThrow(/invalid dataset name/);
  });

  it('writes part-00000.parquet under date=… and reads it back through DuckDB with the Hive key', async () => {
    const db = scratch.db();
    const orders = ds('orders');
    const write = await replacePartition(db.connection, orders, '2026-06-17', {
      query: 'SELECT range AS id, range * 1.5 AS amount FROM range(100)',
    });
    expect(write).toMatchObject({ date: '2026-06-17', version: 1, previousVersion: undefined, rows: 100 });
    expect(write.files).toEqual(['part-00000.parquet']);
    expect(await readdir(partitionDir(orders, '2026-06-17'))).toContain('part-00000.parquet');
    const files = await partitionFiles(orders, '2026-06-17');
    expect(files).toHaveLength(1);
    const reader = await db.connection.runAndReadAll(
      `SELECT count(*), min(date)::VARCHAR FROM read_parquet('${join(orders.root, 'orders')}/date=*/part-*.parquet', hive_partitioning = true)`,
    );
    expect(reader.getRows()).toEqual([[100n, '2026-06-17']]);
  });

  it('round-trips an Arrow table of every supported type, nulls included', async () => {
    const db = scratch.db();
    const source = await db.connection.runAndReadAll('SELECT 1');
    expect(source.getRows()).toEqual([[1]]);
    const input = tableFromArrays({
      id: BigInt64Array.from([1n, 2n, 3n]),
      score: Float64Array.from([0.5, 1.25, -3]),
      small: Int32Array.from([7, -8, 9]),
      name: ['a', 'b', 'c'],
    });
    const arrowDs = ds('arrow_io');
    const write = await writePartitionFromArrow(db.connection, arrowDs, '2026-06-17', input);
    expect(write.rows).toBe(3);
    const back = await readPartitionArrow(db.connection, arrowDs, '2026-06-17');
    expect(back.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
      'id:Int64',
      'score:Float64',
      'small:Int32',
      'name:Utf8',
    ]);
    expect(back.toArray().map((r) => r.toJSON())).toEqual([
      { id: 1n, score: 0.5, small: 7, name: 'a' },
      { id: 2n, score: 1.25, small: -8, name: 'b' },
      { id: 3n, score: -3, small: 9, name: 'c' },
    ]);

    const typed = ds('typed');
    await replacePartition(db.connection, typed, '2026-06-17', {
      query: `SELECT * FROM (VALUES
        (true, 1::TINYINT, 2::SMALLINT, 3::UINTEGER, 4::UBIGINT, 1.5::FLOAT, DATE '2026-06-17', TIMESTAMP '2026-06-17 01:02:03.456789', 'x'),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)) AS t(b, i8, i16, u32, u64, f, d, ts, s)`,
    });
    const table = await readPartitionArrow(db.connection, typed, '2026-06-17');
    const again = await writePartitionFromArrow(db.connection, ds('typed_again'), '2026-06-17', table);
    expect(again.rows).toBe(2);
    const a = await summarize(db, await partitionRelation(typed, '2026-06-17'));
    const b = await summarize(db, await partitionRelation(ds('typed_again'), '2026-06-17'));
    expect(b).toEqual(a);
    const row = table.get(0)?.toJSON();
    expect(row).toMatchObject({ b: true, i8: 1, i16: 2, u32: 3, u64: 4n, f: 1.5, s: 'x' });
    expect(table.getChild('ts')?.type.toString()).toBe('Timestamp<MICROSECOND>');
    expect(table.getChild('d')?.type.toString()).toBe('Date32<DAY>');
    expect(table.get(1)?.toJSON()).toEqual({
      b: null,
      i8: null,
      i16: null,
      u32: null,
      u64: null,
      f: null,
      d: null,
      ts: null,
      s: null,
    });
  });

  it('names the column and the type when a result cannot become Arrow', async () => {
    const db = scratch.db();
    await expect(
      readPartitionArrow(db.connection, ds('orders'), '2026-06-17', { columns: ['id'] }).then(() =>
        db.connection.runAndReadAll('SELECT 1'),
      ),
    ).resolves.toBeDefined();
    const { queryArrow } = await import('../src/index.js');
    await expect(queryArrow(db.connection, 'SELECT [1, 2] AS tags')).rejects.toThrow(/column "tags".*INTEGER\[\]/);
  });

  it('reports a missing partition as a FatalError naming its path', async () => {
    await expect(partitionFiles(ds('orders'), '2026-01-01')).rejects.toThrow(FatalError);
    await expect(partitionFiles(ds('orders'), '2026-01-01')).rejects.toThrow(/orders\/date=2026-01-01 does not exist/);
  });
});

describe('versions', () => {
  it('re-running a date replaces its rows (never duplicates) and keeps the last N versions', async () => {
    const db = scratch.db();
    const daily = ds('daily');
    for (let run = 1; run <= 5; run++) {
      const write = await replacePartition(
        db.connection,
        daily,
        '2026-06-17',
        { query: `SELECT range AS id, ${run} AS run FROM range(10)` },
        { keepVersions: 2 },
      );
      expect(write.version).toBe(run);
      expect(write.previousVersion).toBe(run === 1 ? undefined : run - 1);
    }
    const { rows } = await summarize(db, await partitionRelation(daily, '2026-06-17'));
    expect(rows).toBe(10);
    const versions = await listPartitionVersions(daily, '2026-06-17');
    expect(versions.map((v) => [v.version, v.current, v.rows])).toEqual([
      [4, false, 10],
      [5, true, 10],
    ]);
    expect(await readlink(partitionDir(daily, '2026-06-17'))).toBe(join('.versions', 'date=2026-06-17', 'v00005'));
  });

  it('replaces the same way without fsync when durable is false', async () => {
    const db = scratch.db();
    const fast = ds('not_durable');
    for (const n of [3, 4]) {
      await replacePartition(
        db.connection,
        fast,
        '2026-06-17',
        { query: `SELECT range AS id FROM range(${n})` },
        { durable: false },
      );
    }
    expect((await summarize(db, await partitionRelation(fast, '2026-06-17'))).rows).toBe(4);
    expect((await listPartitionVersions(fast, '2026-06-17')).map((v) => [v.version, v.current])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('gives the same content hash to the same rows and a different one to different rows', async () => {
    const db = scratch.db();
    const h = ds('hashes');
    const a = await replacePartition(db.connection, h, '2026-06-17', { query: 'SELECT range AS id FROM range(50)' });
    const b = await replacePartition(db.connection, h, '2026-06-17', { query: 'SELECT range AS id FROM range(50)' });
    const c = await replacePartition(db.connection, h, '2026-06-17', { query: 'SELECT range AS id FROM range(51)' });
    expect(a.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b.contentHash).toBe(a.contentHash);
    expect(c.contentHash).not.toBe(a.contentHash);
  });

  it('rolls back to the previous version or a named one as a new version, and refuses versions not kept', async () => {
    const db = scratch.db();
    const r = ds('rollback');
    const hashes: string[] = [];
    for (const n of [10, 20, 30]) {
      const w = await replacePartition(db.connection, r, '2026-06-17', {
        query: `SELECT range AS id FROM range(${n})`,
      });
      hashes.push(w.contentHash);
    }
    const count = async () => (await summarize(db, await partitionRelation(r, '2026-06-17'))).rows;
    const current = async () => (await listPartitionVersions(r, '2026-06-17')).find((v) => v.current);
    expect(await count()).toBe(30);
    expect(await rollbackPartition(r, '2026-06-17')).toEqual({ from: 3, restored: 2, version: 4 });
    expect(await count()).toBe(20);
    expect(await current()).toMatchObject({ version: 4, rows: 20, contentHash: hashes[1], restoredFrom: 2 });
    // A rollback of the rollback restores the bad load again; a named version restores exactly that one.
    expect(await rollbackPartition(r, '2026-06-17')).toEqual({ from: 4, restored: 3, version: 5 });
    expect(await count()).toBe(30);
    expect(await rollbackPartition(r, '2026-06-17', 3, { keepVersions: 5 })).toEqual({
      from: 5,
      restored: 3,
      version: 6,
    });
    expect(await count()).toBe(30);
    // Rollbacks prune like loads (default: keep 3), so v1 and v2 are gone by now.
    expect((await listPartitionVersions(r, '2026-06-17')).map((v) => v.version)).toEqual([3, 4, 5, 6]);
    await expect(rollbackPartition(r, '2026-06-17', 1)).rejects.toThrow(
      /version 1: it is not kept; kept versions are 3, 4, 5, 6/,
    );
    const next = await replacePartition(
      db.connection,
      r,
      '2026-06-17',
      { query: 'SELECT 1 AS id' },
      { keepVersions: 2 },
    );
    expect(next).toMatchObject({ version: 7, previousVersion: 6, pruned: [3, 4, 5] });
    await rollbackPartition(r, '2026-06-17', undefined, { keepVersions: 1 });
    expect(await count()).toBe(30);
    expect((await listPartitionVersions(r, '2026-06-17')).map((v) => [v.version, v.current])).toEqual([[8, true]]);
    await expect(rollbackPartition(r, '2026-06-17')).rejects.toThrow(
      /no version older than the current v8 is kept \(kept: 8\)/,
    );
  });

  it('discards a version that was written but never swapped in (a write killed before the link moved)', async () => {
    const db = scratch.db();
    const o = ds('orphan');
    await replacePartition(db.connection, o, '2026-06-17', { query: 'SELECT range AS id FROM range(5)' });
    const { cp } = await import('node:fs/promises');
    const versions = join(o.root, o.name, '.versions', 'date=2026-06-17');
    await cp(join(versions, 'v00001'), join(versions, 'v00002'), { recursive: true });
    expect((await listPartitionVersions(o, '2026-06-17')).map((v) => v.version)).toEqual([1]);
    const w = await replacePartition(db.connection, o, '2026-06-17', { query: 'SELECT range AS id FROM range(7)' });
    expect(w).toMatchObject({ version: 2, previousVersion: 1, rows: 7 });
    expect(await rollbackPartition(o, '2026-06-17')).toMatchObject({ from: 2, restored: 1 });
  });

  it('leaves the current version and no staging directory behind when the query fails', async () => {
    const db = scratch.db();
    const f = ds('failing');
    await replacePartition(db.connection, f, '2026-06-17', { query: 'SELECT 1 AS id' });
    await expect(
      replacePartition(db.connection, f, '2026-06-17', { query: 'SELECT no_such_column FROM range(3)' }),
    ).rejects.toThrow(/no_such_column/);
    expect(await readdir(join(f.root, f.name, '.versions', 'date=2026-06-17'))).toEqual(['v00001']);
    expect((await summarize(db, await partitionRelation(f, '2026-06-17'))).rows).toBe(1);
  });

  it('bug: a misspelt source key reached DuckDB as COPY (undefined); it is refused before the disk is touched', async () => {
    const f = ds('misspelt');
    const wrong = { sql: 'SELECT 1 AS id' } as unknown as { query: string };
    await expect(replacePartition(scratch.db().connection, f, '2026-06-17', wrong)).rejects.toThrow(
      "replacePartition: source must be { query: '<SQL>' } or { arrow: <Arrow table> }, got an object with keys sql",
    );
    await expect(replacePartition(scratch.db().connection, f, '2026-06-17', { query: '  ' })).rejects.toThrow(
      /source must be/,
    );
    await expect(lstat(join(f.root, f.name))).rejects.toThrow(/ENOENT/);
  });

  it('refuses to replace a partition that is a plain directory, naming it', async () => {
    const { mkdir } = await import('node:fs/promises');
    const plain = ds('plain');
    await mkdir(partitionDir(plain, '2026-06-17'), { recursive: true });
    expect((await lstat(partitionDir(plain, '2026-06-17'))).isDirectory()).toBe(true);
    await expect(
      replacePartition(scratch.db().connection, plain, '2026-06-17', { query: 'SELECT 1 AS x' }),
    ).rejects.toThrow(/plain\/date=2026-06-17 is a plain directory/);
  });
});
