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
