import { openDuckDB, replacePartition } from '@sluice/data';
import { defineStage } from '@sluice/runtime';
import { z } from 'zod';
import { rawEvents } from '../src/datasets.js';

/**
 * Extract: lands the execution date's events as the raw Parquet partition of that date. The source here is
 * synthetic (`rows` events, the same for the same date); replace the query with a read of your own source.
 */
export default defineStage({
  name: 'extract-events',
  params: z.object({ lakeRoot: z.string().min(1), rows: z.number().int().positive().default(10_000) }),
  outputs: z.object({ rawPath: z.string(), rowCount: z.number().int() }),
  async run(ctx) {
    const db = await openDuckDB({ scratchDir: ctx.paths.scratch });
    try {
      const day = ctx.executionDate;
      const query = `
        SELECT i AS event_id,
               'user-' || (hash(i, '${day}') % 500) AS user_id,
               (hash(i, '${day}', 'amount') % 10000) / 100.0 AS amount,
               TIMESTAMP '${day} 00:00:00' + to_seconds(i % 86400) AS occurred_at
        FROM range(${ctx.params.rows}) AS t(i)`;
      const write = await replacePartition(db.connection, rawEvents(ctx.params.lakeRoot), day, { query });
      ctx.metrics.processedRows(write.rows);
      return { rawPath: write.path, rowCount: write.rows };
    } finally {
      db.close();
    }
  },
});
