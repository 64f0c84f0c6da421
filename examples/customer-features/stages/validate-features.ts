import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFeatures, datasetDir, openDuckDB, partFileName, replacePartition } from '@sluice/data';
import { defineStage, FatalError } from '@sluice/runtime';
import { z } from 'zod';
import { FEATURE_COLUMNS } from '../src/features.js';
import { datasets, readParquet } from '../src/lake.js';

/**
 * The feature gate: gathers exactly the `partitions` part files of the transform into the candidate partition
 * (atomically), then checks row count, nulls and ranges. A breach exits 2 and the candidate is never loaded.
 */
export default defineStage({
  name: 'validate-features',
  params: z.object({
    lakeRoot: z.string().min(1),
    partitions: z.number().int().positive(),
    minRows: z.number().int().nonnegative().default(1),
  }),
  outputs: z.object({ candidatePath: z.string(), featureRows: z.number().int() }),
  async run(ctx) {
    const lake = datasets(ctx.params.lakeRoot);
    const dir = join(datasetDir(lake.featureParts), `date=${ctx.executionDate}`);
    const files = Array.from({ length: ctx.params.partitions }, (_, i) => join(dir, partFileName(i)));
    for (const file of files) {
      try {
        await access(file);
      } catch {
        throw new FatalError(
          `feature part ${file} is missing: the transform did not finish all ${ctx.params.partitions} partitions`,
        );
      }
    }
    const db = await openDuckDB({ scratchDir: ctx.paths.scratch });
    try {
      const write = await replacePartition(db.connection, lake.featureCandidate, ctx.executionDate, {
        query: `SELECT ${FEATURE_COLUMNS.join(', ')} FROM ${readParquet(files)} ORDER BY customer_id`,
      });
      const report = await checkFeatures(db.connection, {
        dataset: lake.featureCandidate,
        date: ctx.executionDate,
        reportPath: join(ctx.paths.outputs, '..', 'feature-report.json'),
        checks: [
          { kind: 'rowCount', min: ctx.params.minRows },
          { kind: 'nullRate', column: 'customer_id', max: 0 },
          { kind: 'distinctCount', column: 'customer_id', min: ctx.params.minRows },
          { kind: 'range', column: 'spend_90d', min: 0 },
          { kind: 'range', column: 'order_count_90d', min: 1 },
          { kind: 'range', column: 'days_since_last_order', min: 0, max: 90 },
        ],
      });
      ctx.metrics.processedRows(write.rows);
      ctx.log.info('features passed the gate', { rows: write.rows, checks: report.checks.length });
      return { candidatePath: write.path, featureRows: write.rows };
    } finally {
      db.close();
    }
  },
});
