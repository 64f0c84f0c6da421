import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FatalError } from '../src/index.js';
import { parseExecutionDate, parseParamArgs, parseStageParams } from '../src/params.js';

describe('--param parsing', () => {
  it('takes everything after the first = as the value, in both spellings', () => {
    const raw = parseParamArgs(['--param', 'query=a=b', '--param=empty=', '--param', 'execution-date=2026-06-17']);
    expect([...raw]).toEqual([
      ['query', 'a=b'],
      ['empty', ''],
      ['execution-date', '2026-06-17'],
    ]);
  });

  it('round-trips any value', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(parseParamArgs(['--param', `k=${value}`]).get('k')).toBe(value);
      }),
    );
  });

  it('rejects a repeated name and a trailing --param', () => {
    expect(() => parseParamArgs(['--param', 'a=1', '--param', 'a=2'])).toThrow(/--param a is given twice/);
    expect(() => parseParamArgs(['--param'])).toThrow(FatalError);
  });

  it('coerces to what the schema asks for: numbers, booleans, JSON for objects and arrays', () => {
    const schema = z.object({
      count: z.number().int().optional(),
      ratio: z.number().default(0.5),
      dryRun: z.boolean(),
      tables: z.array(z.string()),
      limits: z.object({ max: z.number() }),
      name: z.string(),
      level: z.literal([1, 2]),
    });
    const raw = parseParamArgs([
      ...['--param', 'count=12', '--param', 'dry-run=false', '--param', 'tables=["a","b"]'],
      ...['--param', 'limits={"max":3}', '--param', 'name=007', '--param', 'level=2'],
      ...['--param', 'execution-date=2026-06-17'],
    ]);
    expect(parseStageParams('s', schema, raw)).toEqual({
      params: { count: 12, ratio: 0.5, dryRun: false, tables: ['a', 'b'], limits: { max: 3 }, name: '007', level: 2 },
      executionDate: '2026-06-17',
    });
  });

  it('accepts only real calendar dates as execution-date', () => {
    expect(parseExecutionDate('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '2026-6-17', '20260617', '2026-06-17T00:00:00Z', ''])
      expect(() => parseExecutionDate(bad)).toThrow(/expected a date YYYY-MM-DD/);
  });

  it('names a nested invalid field by its --param', () => {
    const schema = z.object({ limits: z.object({ max: z.number() }) });
    const raw = parseParamArgs(['--param', 'limits={"max":"x"}', '--param', 'execution-date=2026-06-17']);
    expect(() => parseStageParams('s', schema, raw)).toThrow(/--param limits\.max: Invalid input: expected number/);
  });
});

describe('bug: the aggregated outputs of a fan-out (a JSON list of strings) failed a z.array(z.number()) parameter', () => {
  const schema = z.object({
    rows: z.array(z.number().int()),
    flags: z.array(z.boolean()).optional(),
    pair: z.tuple([z.number(), z.string()]).optional(),
    byPart: z.record(z.string(), z.number()).optional(),
    nested: z.object({ count: z.number() }).optional(),
  });
  const parse = (pairs: Record<string, string>) =>
    parseStageParams('sum', schema, new Map([['execution-date', '2026-01-02'], ...Object.entries(pairs)]));

  it('reads numbers and booleans out of the strings Argo aggregates, as a single --param would', () => {
    const { params } = parse({
      rows: '["10","11","12"]',
      flags: '["true","false"]',
      pair: '["3","3"]',
      'by-part': '{"a":"1","b":2}',
      nested: '{"count":"7"}',
    });
    expect(params).toEqual({
      rows: [10, 11, 12],
      flags: [true, false],
      pair: [3, '3'],
      byPart: { a: 1, b: 2 },
      nested: { count: 7 },
    });
  });

  it('still refuses strings that are not numbers, naming the element', () => {
    expect(() => parse({ rows: '["10","ten"]' })).toThrow(/--param rows\.1: Invalid input: expected number/);
  });

  it('round-trips any list of integers aggregated as strings', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (rows) => {
        expect(parse({ rows: JSON.stringify(rows.map(String)) }).params.rows).toEqual(rows);
      }),
    );
  });
});
