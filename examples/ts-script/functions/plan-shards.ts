import type { z } from 'zod';
import type { planInput } from './schemas.ts';

/** Splits a day's events into `shardCount` shard keys, e.g. `events/2026-06-17/part-000`. */
export function planShards({ day, shardCount }: z.infer<typeof planInput>): { shards: string[]; day: string } {
  const shards = Array.from({ length: shardCount }, (_, i) => `events/${day}/part-${String(i).padStart(3, '0')}`);
  return { shards, day };
}
