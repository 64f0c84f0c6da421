import { join } from 'node:path';
import { FatalError, StageExitCode } from '@sluice/runtime';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyContract, type Contract, contractFromZod, partitionRelation, replacePartition } from '../src/index.js';
import { summarize, useScratch } from './helpers.js';
import { runFixture } from './spawn.js';

const scratch = useScratch();
const DATE = '2026-06-17';
const lake = () => join(scratch.dir(), 'lake');
const ds = (name: string) => ({ root: lake(), name });

const orders: Contract = {
  name: 'raw_orders',
  columns: {
    order_id: { type: 'BIGINT', unique: true },
    amount: { type: 'DOUBLE', min: 0, max: 10_000 },
    currency: { type: 'VARCHAR', oneOf: ['EUR', 'USD'] },
    email: { type: 'VARCHAR', nullable: true, pattern: '[a-z0-9.]+@[a-z0-9.]+' },
    ordered_on: { type: 'DATE', min: '2026-01-01' },
  },
};

/** 10 000 rows; every row with id % 100 = 7 (1%) breaks exactly one rule, chosen by (id / 100) % 5. */
const RAW_ROWS = `
  SELECT range AS order_id,
    (CASE WHEN range % 100 = 7 AND (range // 100) % 5 = 0 THEN -1.0
         WHEN range % 100 = 7 AND (range // 100) % 5 = 3 THEN NULL
         ELSE (range % 500) * 1.25 END)::DOUBLE AS amount,
    CASE WHEN range % 100 = 7 AND (range // 100) % 5 = 1 THEN 'GBP' ELSE ['EUR', 'USD'][1 + range % 2] END AS currency,
    CASE WHEN range % 100 = 7 AND (range // 100) % 5 = 2 THEN 'not an email'
         WHEN range % 3 = 0 THEN NULL ELSE 'user' || range || '@example.org' END AS email,
    CASE WHEN range % 100 = 7 AND (range // 100) % 5 = 4 THEN DATE '2025-12-31'
         ELSE DATE '2026-06-17' END AS ordered_on,
    'extra' AS note
  FROM range(10000)`;

function expectedReason(id: number): string | undefined {
  if (id % 100 !== 7) return undefined;
  return [
    'amount: below min 0',
    'currency: not one of EUR, USD',
    'email: does not match [a-z0-9.]+@[a-z0-9.]+',
    'amount: is null',
    'ordered_on: below min 2026-01-01',
  ][Math.floor(id / 100) % 5];
}

describe('applyContract', () => {
  it('sends exactly the 1% bad rows to the dead letters with their reasons and passes the rest', async () => {
    const db = scratch.db();
    await replacePartition(db.connection, ds('raw'), DATE, { query: RAW_ROWS });
    const result = await applyContract(db.connection, {
      contract: orders,
      source: ds('raw'),
      output: ds('clean'),
      deadLetters: ds('dead'),
      date: DATE,
    });
    expect(result).toMatchObject({
      contract: 'raw_orders',
      date: DATE,
      inputRows: 10_000,
      validRows: 9900,
      deadLetterRows: 100,
    });
    expect(result.failures).toEqual({
      'amount: below min 0': 20,
      'amount: is null': 20,
      'currency: not one of EUR, USD': 20,
      'email: does not match [a-z0-9.]+@[a-z0-9.]+': 20,
      'ordered_on: below min 2026-01-01': 20,
    });

    const dead = await db.connection.runAndReadAll(
      `SELECT order_id, reason, note FROM ${await partitionRelation(ds('dead'), DATE)} ORDER BY order_id`,
    );
    const rows = dead.getRows().map(([id, reason, note]) => ({ id: Number(id), reason, note }));
    const expected = Array.from({ length: 10_000 }, (_, id) => id)
      .filter((id) => expectedReason(id) !== undefined)
      .map((id) => ({ id, reason: expectedReason(id), note: 'extra' }));
    expect(rows).toEqual(expected);

    // The output is the source minus the bad rows, with the contract's columns only (the extra one dropped).
    const clean = await partitionRelation(ds('clean'), DATE);
    const columns = await db.connection.runAndReadAll(`DESCRIBE SELECT * FROM ${clean}`);
    expect(columns.getRows().map((r) => `${r[0]} ${r[1]}`)).toEqual([
      'order_id BIGINT',
      'amount DOUBLE',
      'currency VARCHAR',
      'email VARCHAR',
      'ordered_on DATE',
    ]);
    const raw = await partitionRelation(ds('raw'), DATE);
    expect(await summarize(db, clean)).toEqual(
      await summarize(db, `(SELECT * EXCLUDE (note) FROM ${raw} WHERE order_id % 100 <> 7)`),
    );
  });

  it('gives the same partitions when the date is run again (idempotent) and clears dead letters when fixed', async () => {
    const db = scratch.db();
    const run = () =>
      applyContract(db.connection, {
        contract: orders,
        source: ds('raw'),
        output: ds('clean'),
        deadLetters: ds('dead'),
        date: DATE,
      });
    const first = await run();
    const second = await run();
    expect(second.output.contentHash).toBe(first.output.contentHash);
    expect(second.validRows).toBe(9900);
    await replacePartition(db.connection, ds('raw'), DATE, {
      query: `SELECT * FROM (${RAW_ROWS}) WHERE order_id % 100 <> 7`,
    });
    const fixed = await run();
    expect(fixed).toMatchObject({ validRows: 9900, deadLetterRows: 0, failures: {} });
    expect((await summarize(db, await partitionRelation(ds('dead'), DATE))).rows).toBe(0);
  });

  it('dead-letters every copy of a duplicated unique key and keeps extra columns when asked', async () => {
    const db = scratch.db();
    await replacePartition(db.connection, ds('dups'), DATE, {
      query:
        'SELECT * FROM (VALUES (1, 5.0::DOUBLE, 9), (2, 6.0, 8), (2, 7.0, 7), (3, 8.0, 6)) AS t(order_id, amount, note)',
    });
    const result = await applyContract(db.connection, {
      contract: {
        name: 'dups',
        columns: { order_id: { type: 'BIGINT', unique: true }, amount: { type: 'DOUBLE' } },
        extraColumns: 'keep',
      },
      source: ds('dups'),
      output: ds('dups_clean'),
      deadLetters: ds('dups_dead'),
      date: DATE,
    });
    expect(result).toMatchObject({ validRows: 2, deadLetterRows: 2, failures: { 'order_id: duplicate value': 2 } });
    const clean = await db.connection.runAndReadAll(
      `SELECT * FROM ${await partitionRelation(ds('dups_clean'), DATE)} ORDER BY order_id`,
    );
    // order_id was INTEGER in the source: widened to the contract's BIGINT; note kept after the contract columns.
    expect(clean.columnNames()).toEqual(['order_id', 'amount', 'note']);
    expect(clean.getRows()).toEqual([
      [1n, 5, 9],
      [3n, 8, 6],
    ]);
  });

  it('halts with a FatalError naming a dropped column and a changed type, expected vs found', async () => {
    const db = scratch.db();
    await replacePartition(db.connection, ds('broken'), DATE, {
      query:
        "SELECT range AS order_id, 'x' || range AS amount, DATE '2026-06-17' AS ordered_on, NULL::VARCHAR AS email FROM range(10)",
    });
    const attempt = applyContract(db.connection, {
      contract: orders,
      source: ds('broken'),
      output: ds('broken_clean'),
      deadLetters: ds('broken_dead'),
      date: DATE,
    });
    await expect(attempt).rejects.toThrow(FatalError);
    await expect(attempt).rejects.toThrow(
      /breaking change in the source: column amount has type VARCHAR, expected DOUBLE; column currency is missing \(expected VARCHAR\)/,
    );
  });

  it('rejects an invalid contract before reading data, naming the column and rule', async () => {
    const db = scratch.db();
    const bad = (columns: Contract['columns']) =>
      applyContract(db.connection, {
        contract: { name: 'c', columns },
        source: ds('raw'),
        output: ds('x'),
        deadLetters: ds('y'),
        date: DATE,
      });
    await expect(bad({ a: { type: 'VARCHAR', min: 1 } })).rejects.toThrow(/column a: min applies to numeric/);
    await expect(bad({ a: { type: 'DOUBLE', min: 'low' } })).rejects.toThrow(/columns\.a\.min/);
    await expect(bad({ a: { type: 'BIGINT', pattern: 'x' } })).rejects.toThrow(/column a: pattern applies to VARCHAR/);
    await expect(bad({})).rejects.toThrow(/name at least one column/);
  });

  it('maps a dropped column to exit code 2 in a real stage process, naming the column', async () => {
    const db = scratch.db();
    const root = join(scratch.dir(), 'proc');
    await replacePartition(db.connection, { root, name: 'raw' }, DATE, {
      query: 'SELECT range AS order_id, (range * 2.0)::DOUBLE AS amount FROM range(5)',
    });
    const failed = await runFixture('contract-stage.ts', [root, DATE]);
    expect(failed.stderr).toMatch(/FatalError: .*column currency is missing \(expected VARCHAR\)/);
    expect(failed.code).toBe(StageExitCode.Fatal);

    await replacePartition(db.connection, { root, name: 'raw' }, DATE, {
      query: "SELECT range AS order_id, (range * 2.0)::DOUBLE AS amount, 'EUR' AS currency FROM range(5)",
    });
    const ok = await runFixture('contract-stage.ts', [root, DATE]);
    expect(ok.code).toBe(StageExitCode.Success);
    expect(JSON.parse(ok.stdout)).toEqual({ valid: 5, dead: 0 });
  });
});

describe('contractFromZod', () => {
  const Order = z.object({
    order_id: z.int(),
    customer: z.bigint(),
    amount: z.number().positive().max(10_000),
    items: z.int().min(1).lt(100),
    currency: z.enum(['EUR', 'USD']),
    channel: z.literal('web'),
    email: z
      .string()
      .regex(/@example\.org$/)
      .nullable(),
    code: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    ordered_on: z.iso.date(),
    paid_at: z.iso.datetime(),
    seen_at: z.date(),
    gift: z.boolean(),
  });

  it('maps zod types and checks to column rules', () => {
    expect(contractFromZod('raw_orders', Order).columns).toEqual({
      order_id: { type: 'BIGINT', nullable: false },
      customer: { type: 'BIGINT', nullable: false },
      amount: { type: 'DOUBLE', nullable: false, greaterThan: 0, max: 10_000 },
      items: { type: 'BIGINT', nullable: false, min: 1, max: 99 },
      currency: { type: 'VARCHAR', nullable: false, oneOf: ['EUR', 'USD'] },
      channel: { type: 'VARCHAR', nullable: false, oneOf: ['web'] },
      email: { type: 'VARCHAR', nullable: true, pattern: '.*(?:@example\\.org$).*' },
      code: { type: 'VARCHAR', nullable: true, pattern: '[A-Z]{3}' },
      ordered_on: { type: 'DATE', nullable: false },
      paid_at: { type: 'TIMESTAMP', nullable: false },
      seen_at: { type: 'TIMESTAMP', nullable: false },
      gift: { type: 'BOOLEAN', nullable: false },
    });
    expect(() => contractFromZod('x', z.object({ tags: z.array(z.string()) }))).toThrow(/field tags: zod type array/);
  });

  it('gates rows with a contract derived from zod', async () => {
    const db = scratch.db();
    await replacePartition(db.connection, ds('zraw'), DATE, {
      query: `SELECT * FROM (VALUES (1, 5.0::DOUBLE, 'EUR'), (2, 0.0, 'EUR'), (3, 7.5, 'JPY')) AS t(order_id, amount, currency)`,
    });
    const contract = contractFromZod(
      'z',
      z.object({ order_id: z.int(), amount: z.number().positive(), currency: z.enum(['EUR', 'USD']) }),
    );
    const result = await applyContract(db.connection, {
      contract,
      source: ds('zraw'),
      output: ds('zclean'),
      deadLetters: ds('zdead'),
      date: DATE,
    });
    expect(result).toMatchObject({
      validRows: 1,
      deadLetterRows: 2,
      failures: { 'amount: not above 0': 1, 'currency: not one of EUR, USD': 1 },
    });
  });
});

describe('issue 15 item 17: the contract gate does not let garbage through', () => {
  const measures: Contract = {
    name: 'measures',
    columns: { id: { type: 'BIGINT' }, amount: { type: 'DOUBLE', min: 0 } },
  };

  it('bug: NaN does not pass min: 0 and inf does not pass without a max', async () => {
    const db = scratch.db();
    await replacePartition(db.connection, ds('raw'), DATE, {
      query: `SELECT * FROM (VALUES (1, 1.5::DOUBLE), (2, 'nan'::DOUBLE), (3, 'inf'::DOUBLE), (4, '-inf'::DOUBLE)) t(id, amount)`,
    });
    const result = await applyContract(db.connection, {
      contract: measures,
      source: ds('raw'),
      output: ds('clean'),
      deadLetters: ds('dead'),
      date: DATE,
    });
    expect([result.validRows, result.deadLetterRows]).toEqual([1, 3]);
    expect(result.failures).toEqual({ 'amount: is NaN': 1, 'amount: is infinite': 2, 'amount: below min 0': 1 });
  });

  it('bug: a partition where every row is invalid fails the stage and keeps the previous clean partition', async () => {
    const db = scratch.db();
    await replacePartition(db.connection, ds('raw'), DATE, { query: 'SELECT 1::BIGINT AS id, 2.0::DOUBLE AS amount' });
    const options = { contract: measures, source: ds('raw'), output: ds('clean'), deadLetters: ds('dead'), date: DATE };
    await applyContract(db.connection, options);
    await replacePartition(db.connection, ds('raw'), DATE, {
      query: 'SELECT * FROM (VALUES (1, -1.0::DOUBLE), (2, NULL::DOUBLE)) t(id, amount)',
    });
    const error = await applyContract(db.connection, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FatalError);
    expect((error as Error).message).toContain('every one of the 2 rows broke the contract');
    const clean = await db.connection.runAndReadAll(
      `SELECT count(*) FROM ${await partitionRelation(ds('clean'), DATE)}`,
    );
    expect(Number(clean.getRows()[0]?.[0])).toBe(1);
    const dead = await db.connection.runAndReadAll(`SELECT count(*) FROM ${await partitionRelation(ds('dead'), DATE)}`);
    expect(Number(dead.getRows()[0]?.[0])).toBe(2);
  });
});
