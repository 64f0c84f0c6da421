import { z } from 'zod';

/**
 * The inputs of `planShards`. A schema is a value, and a module that builds one pulls all of zod into a script's
 * bundle, so it lives here, beside the workflow; `plan-shards.ts` imports only its type.
 */
export const planInput = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  shardCount: z.number().int().min(1).max(64),
});
