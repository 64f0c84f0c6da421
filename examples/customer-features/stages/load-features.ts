import {
  createRunEvent,
  lineageDataset,
  lineageRunId,
  openDuckDB,
  partitionFiles,
  recordLineage,
  replacePartition,
} from '@sluice/data';
import { defineStage } from '@sluice/runtime';
import { z } from 'zod';
import { datasets, featureStore, readParquet } from '../src/lake.js';

/**
 * Load, the idempotency gate: publishes the validated candidate as the execution date's partition of the feature
 * store in one atomic swap (running the date again replaces it, never duplicates), and records lineage. Its
 * output `datasetVersion` (the partition's content hash) is what training receives.
 */
export default defineStage({
  name: 'load-features',
  params: z.object({ lakeRoot: z.string().min(1), storeRoot: z.string().min(1), candidatePath: z.string() }),
  outputs: z.object({ datasetVersion: z.string(), storePath: z.string(), loadedRows: z.number().int() }),
  async run(ctx) {
    const lake = datasets(ctx.params.lakeRoot);
    const store = featureStore(ctx.params.storeRoot);
    const db = await openDuckDB({ scratchDir: ctx.paths.scratch });
    try {
      const source = readParquet(await partitionFiles(lake.featureCandidate, ctx.executionDate));
      const write = await replacePartition(db.connection, store, ctx.executionDate, {
        query: `SELECT * FROM ${source}`,
      });
      const datasetVersion = `${write.date}@v${write.version}:${write.contentHash}`;
      await recordLineage(
        createRunEvent({
          eventType: 'COMPLETE',
          runId: lineageRunId(ctx.workflow.uid, ctx.stage, ctx.executionDate),
          job: { namespace: ctx.pipeline || 'customer-features', name: ctx.stage },
          executionDate: ctx.executionDate,
          parameters: { datasetVersion },
          inputs: [await lineageDataset(lake.featureCandidate, ctx.executionDate)],
          outputs: [await lineageDataset(store, ctx.executionDate, { rowCount: write.rows })],
        }),
      );
      ctx.metrics.processedRows(write.rows);
      return { datasetVersion, storePath: write.path, loadedRows: write.rows };
    } finally {
      db.close();
    }
  },
});
