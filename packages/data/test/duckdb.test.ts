import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executionDay, partitionRelation, replacePartition } from '../src/index.js';
import { quoteIdent, quoteString } from '../src/sql.js';
import { summarize, useScratch } from './helpers.js';

const scratch = useScratch();

describe('openDuckDB', () => {
  it('opens with extension downloads and auto-loading off and its directories in scratch space', async () => {
    const reader = await scratch.db().connection.runAndReadAll(
      `SELECT current_setting('autoinstall_known_extensions'), current_setting('autoload_known_extensions'),
        current_setting('allow_community_extensions'), current_setting('extension_directory'),
        current_setting('threads')`,
    );
    expect(reader.getRows()[0]).toEqual([false, false, false, join(scratch.dir(), 'duckdb-extensions'), 1n]);
  });
});

describe('SQL quoting', () => {
  it('round-trips any string as a literal and as an identifier through DuckDB', async () => {
    const db = scratch.db();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => !s.includes('\0')),
        async (s) => {
          const reader = await db.connection.runAndReadAll(`SELECT ${quoteString(s)} AS ${quoteIdent(s)}`);
          expect(reader.columnNames()).toEqual([s]);
          expect(reader.getRows()).toEqual([[s]]);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('executionDay', () => {
  it('accepts every calendar day in canonical form and round-trips Date values', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10);
        expect(executionDay(day)).toBe(day);
        expect(executionDay(d)).toBe(day);
      }),
    );
    for (const bad of ['2026-13-01', '2026-02-29', '2026-6-17', '2026-06-17T00:00:00Z', '']) {
      expect(() => executionDay(bad)).toThrow(/invalid execution date/);
    }
  });
});

describe('readers during a replace', () => {
  it('see the old or the new version, never a mix, while loads land', async () => {
    const db = scratch.db();
    const writer = await db.instance.connect();
    const ds = { root: join(scratch.dir(), 'lake'), name: 'busy' };
    const version = (n: number) => `SELECT range AS id, ${n} AS generation FROM range(${1000 + n})`;
    await replacePartition(writer, ds, '2026-06-17', { query: version(0) });
    const expected = new Map<string, number>();
    for (let n = 0; n <= 15; n++) {
      const s = await summarize(db, `(${version(n)})`);
      expected.set(JSON.stringify(s), n);
    }
    let done = false;
    const loads = (async () => {
      for (let n = 1; n <= 15; n++)
        await replacePartition(writer, ds, '2026-06-17', { query: version(n) }, { keepVersions: 3 });
      done = true;
    })();
    const seen = new Set<number>();
    while (!done) {
      const s = await summarize(db, await partitionRelation(ds, '2026-06-17'));
      const generation = expected.get(JSON.stringify(s));
      expect(generation, JSON.stringify(s)).toBeDefined();
      if (generation !== undefined) seen.add(generation);
    }
    await loads;
    writer.closeSync();
    expect(seen.size).toBeGreaterThan(1);
  });
});
