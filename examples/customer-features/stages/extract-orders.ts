import { openDuckDB, replacePartition } from '@sluice/data';
import { defineStage, type StageContext } from '@sluice/runtime';
import { z } from 'zod';
import { datasets } from '../src/lake.js';
import { ORDER_COLUMNS, syntheticOrdersSql } from '../src/orders.js';
import { copyOrdersFromPostgres, STAGING_TABLE_SQL } from '../src/postgres.js';

/** The Secret (mounted read-only) holding the PostgreSQL connection URL under the key `url`. */
export const PG_SECRET = 'pg-credentials';

async function databaseUrl(ctx: StageContext<unknown>): Promise<string | undefined> {
  try {
    return (await ctx.secret(PG_SECRET, 'url')).trim();
  } catch {
    return undefined;
  }
}

/**
 * Extract: lands the look-back window of customer orders as the raw Parquet partition of the execution date.
 * Reads PostgreSQL when the `pg-credentials` Secret is mounted (always in the cluster: the pod does not start
 * without it), and otherwise a synthetic source of `syntheticRows` orders, deterministic for the date.
 */
export default defineStage({
  name: 'extract-orders',
  params: z.object({
    lakeRoot: z.string().min(1),
    syntheticRows: z.number().int().positive().default(1_000_000),
    batchSize: z.number().int().positive().default(50_000),
  }),
  outputs: z.object({ rawPath: z.string(), rowCount: z.number().int(), source: z.enum(['postgres', 'synthetic']) }),
  async run(ctx) {
    const { lakeRoot, syntheticRows, batchSize } = ctx.params;
    const raw = datasets(lakeRoot).rawOrders;
    const url = await databaseUrl(ctx);
    const db = await openDuckDB({ scratchDir: ctx.paths.scratch });
    try {
      let query: string;
      if (url === undefined) {
        ctx.log.warn('no database URL mounted: reading the synthetic source', { rows: syntheticRows });
        query = syntheticOrdersSql(ctx.executionDate, syntheticRows);
      } else {
        await db.connection.run(STAGING_TABLE_SQL);
        await copyOrdersFromPostgres(url, db.connection, 'pg_orders', {
          executionDate: ctx.executionDate,
          batchSize,
          signal: ctx.signal,
          onBatch: (rows) => ctx.log.info('copied a batch', { rows }),
        });
        query = `SELECT ${ORDER_COLUMNS.filter((c) => c !== 'ordered_at').join(', ')}, ordered_at::TIMESTAMP AS ordered_at FROM pg_orders`;
      }
      const write = await replacePartition(db.connection, raw, ctx.executionDate, { query });
      ctx.metrics.processedRows(write.rows);
      const source = url === undefined ? ('synthetic' as const) : ('postgres' as const);
      return { rawPath: write.path, rowCount: write.rows, source };
    } finally {
      db.close();
    }
  },
});
