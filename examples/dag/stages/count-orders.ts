import { defineStage } from '@sluice/runtime';
import { z } from 'zod';

/**
 * Counts one region's orders of the execution date. The count here is synthetic (the same for the same date and
 * region); replace it with a query of your own source.
 */
export default defineStage({
  name: 'count-orders',
  params: z.object({ region: z.string().regex(/^[a-z]+$/, 'a lower-case region code, e.g. eu') }),
  outputs: z.object({ orders: z.number().int().nonnegative() }),
  async run(ctx) {
    let hash = 0;
    for (const char of `${ctx.executionDate}/${ctx.params.region}`) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
    const orders = 1000 + (hash % 9000);
    ctx.log.info('counted', { region: ctx.params.region, orders });
    ctx.metrics.processedRows(orders);
    return { orders };
  },
});
