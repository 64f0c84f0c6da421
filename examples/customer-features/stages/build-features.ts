import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetDir, openDuckDB, partFileName, partitionFiles } from '@sluice/data';
import { defineStage } from '@sluice/runtime';
import { z } from 'zod';
import { featuresSql } from '../src/features.js';
import { datasets, readParquet, sqlString } from '../src/lake.js';

/**
 * Transform, one partition of the fan-out: computes the features of the customers whose `hash(customer_id)` falls
 * in this partition and writes them to `part-<index>.parquet` of the date's parts directory (temporary file, then
 * rename, so a retried partition replaces its file whole). It never writes the feature store: load does.
 */
export default defineStage({
  name: 'build-features',
  params: z.object({ lakeRoot: z.string().min(1), validPath: z.string() }),
  outputs: z.object({ featuresPath: z.string(), rows: z.number().int() }),
  async run(ctx) {
    const { index, count } = ctx.partition;
    const lake = datasets(ctx.params.lakeRoot);
    const dir = join(datasetDir(lake.featureParts), `date=${ctx.executionDate}`);
    await mkdir(dir, { recursive: true });
    const file = join(dir, partFileName(index));
    const tmp = `${file}.tmp-${ctx.workflow.uid}-${ctx.retry}`;
    const db = await openDuckDB({ scratchDir: ctx.paths.scratch, threads: 2 });
    try {
      const orders = readParquet(await partitionFiles(lake.validOrders, ctx.executionDate));
      const reader = await db.connection.runAndReadAll(
        `COPY (${featuresSql(orders, ctx.executionDate, index, count)}) TO ${sqlString(tmp)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      const rows = Number(reader.getRows()[0]?.[0] ?? 0);
      await rename(tmp, file);
      ctx.metrics.processedRows(rows);
      ctx.log.info('wrote feature part', { index, count, rows });
      return { featuresPath: dir, rows };
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    } finally {
      db.close();
    }
  },
});
