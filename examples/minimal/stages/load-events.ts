import { openDuckDB, partitionFiles, replacePartition } from '@sluice/data';
import { defineStage } from '@sluice/runtime';
import { z } from 'zod';
import { publishedEvents, rawEvents } from '../src/datasets.js';

/**
 * Load: publishes the raw partition of the execution date to the store in one atomic swap. Running the same date
 * again replaces the partition (a new version; the previous one is kept for a rollback), so it never duplicates.
 */
export default defineStage({
  name: 'load-events',
  params: z.object({ lakeRoot: z.string().min(1), storeRoot: z.string().min(1), rawPath: z.string() }),
  outputs: z.object({ datasetVersion: z.string(), loadedRows: z.number().int() }),
  async run(ctx) {
    const files = await partitionFiles(rawEvents(ctx.params.lakeRoot), ctx.executionDate);
    const db = await openDuckDB({ scratchDir: ctx.paths.scratch });
    try {
      const source = `read_parquet([${files.map((f) => `'${f.replaceAll("'", "''")}'`).join(', ')}])`;
      const write = await replacePartition(db.connection, publishedEvents(ctx.params.storeRoot), ctx.executionDate, {
        query: `SELECT * FROM ${source}`,
      });
      ctx.metrics.processedRows(write.rows);
      return { datasetVersion: `${write.date}@v${write.version}:${write.contentHash}`, loadedRows: write.rows };
    } finally {
      db.close();
    }
  },
});
