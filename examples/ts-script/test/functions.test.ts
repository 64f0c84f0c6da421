import { describe, expect, it } from 'vitest';
import { countRows } from '../functions/count-rows.ts';
import { planShards } from '../functions/plan-shards.ts';
import { planInput } from '../functions/schemas.ts';
import { summarise } from '../functions/summarise.ts';

/** The script templates' functions, called as the plain functions they are. */
describe('the functions', () => {
  it('planShards names one zero-padded key per shard', () => {
    expect(planShards({ day: '2026-06-17', shardCount: 2 })).toEqual({
      shards: ['events/2026-06-17/part-000', 'events/2026-06-17/part-001'],
      day: '2026-06-17',
    });
  });

  it('planInput refuses a malformed day (the schema the template declares its inputs from)', () => {
    expect(planInput.safeParse({ day: '17/06/2026', shardCount: 2 }).success).toBe(false);
  });

  it('countRows is stable per shard and in range', () => {
    const a = countRows({ shard: 'events/2026-06-17/part-000' });
    expect(countRows({ shard: 'events/2026-06-17/part-000' })).toEqual(a);
    expect(a.rows).toBeGreaterThanOrEqual(1000);
    expect(a.rows).toBeLessThan(10_000);
  });

  it('summarise adds the aggregated counts and refuses one that is not a whole number', async () => {
    await expect(summarise({ day: 'd', rows: ['10', '32'] })).resolves.toEqual({
      total: 42,
      report: 'd: 42 rows in 2 shards (largest 32)',
    });
    await expect(summarise({ day: 'd', rows: ['10', 'x'] })).rejects.toThrow('a shard reported "x" rows');
  });
});
