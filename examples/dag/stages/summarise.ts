import { defineStage, FatalError } from '@sluice/runtime';
import { z } from 'zod';

/** What a looped task's output parameter reads as in the next task: the JSON list of every iteration's value. */
const Counts = z.array(z.coerce.number().int().nonnegative());

/** Sums the regions' counts (the fan-in). Fails for good (exit 2) when a count is missing or not a number. */
export default defineStage({
  name: 'summarise',
  params: z.object({ counts: z.string() }),
  outputs: z.object({ total: z.number().int(), regions: z.number().int() }),
  async run(ctx) {
    const parsed = Counts.safeParse(JSON.parse(ctx.params.counts));
    if (!parsed.success) throw new FatalError(`counts: expected a JSON list of counts, got ${ctx.params.counts}`);
    const total = parsed.data.reduce((sum, n) => sum + n, 0);
    ctx.log.info('summarised', { total, regions: parsed.data.length });
    return { total, regions: parsed.data.length };
  },
});
