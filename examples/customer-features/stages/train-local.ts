import { createRunEvent, lineageDataset, lineageRunId, openDuckDB, partitionFiles, recordLineage } from '@sluice/data';
import { defineStage, FatalError } from '@sluice/runtime';
import { z } from 'zod';
import { featureStore, readParquet } from '../src/lake.js';
import { fitLogistic, predict, rocAuc } from '../src/model.js';

/** Days without an order after which a customer counts as lapsing: what the model predicts. */
export const LAPSE_DAYS = 14;

/**
 * The local stand-in for the PyTorchJob: reads the feature store's partition that load published (checking it is
 * the `datasetVersion` load reported), fits a logistic regression predicting a lapsing customer from order count,
 * average order value and currencies, and reports its ROC AUC on a held-out fifth. Lineage records the dataset
 * version and the training parameters.
 */
export default defineStage({
  name: 'train-local',
  params: z.object({
    storeRoot: z.string().min(1),
    datasetVersion: z.string().min(1),
    epochs: z.number().int().positive().default(200),
    learningRate: z.number().positive().default(0.5),
  }),
  outputs: z.object({ auc: z.number(), trainRows: z.number().int(), testRows: z.number().int() }),
  async run(ctx) {
    const { storeRoot, datasetVersion, epochs, learningRate } = ctx.params;
    const store = featureStore(storeRoot);
    const dataset = await lineageDataset(store, ctx.executionDate);
    if (!datasetVersion.endsWith(`:${dataset.version}`))
      throw new FatalError(
        `feature store partition ${dataset.name} is version ${dataset.version}, not ${datasetVersion}: it changed after load`,
      );
    const db = await openDuckDB({ scratchDir: ctx.paths.scratch });
    let rows: unknown[][];
    try {
      const relation = readParquet(await partitionFiles(store, ctx.executionDate));
      const result = await db.connection.runAndReadAll(
        `SELECT order_count_90d::DOUBLE, avg_order_value::DOUBLE, distinct_currencies::DOUBLE,
                (days_since_last_order > ${LAPSE_DAYS})::INTEGER, hash(customer_id) % 5 = 0
         FROM ${relation}`,
      );
      rows = result.getRows();
    } finally {
      db.close();
    }
    const train = rows.filter((r) => r[4] !== true);
    const test = rows.filter((r) => r[4] === true);
    const features = (rs: unknown[][]) => rs.map((r) => [Number(r[0]), Number(r[1]), Number(r[2])]);
    const labels = (rs: unknown[][]) => rs.map((r) => Number(r[3]));
    const model = fitLogistic(features(train), labels(train), epochs, learningRate);
    const auc = rocAuc(predict(model, features(test)), labels(test));
    ctx.metrics.gauge('model_auc', 'ROC AUC of the lapse model on the held-out fifth').set(auc);
    ctx.metrics.processedRows(rows.length);
    ctx.log.info('trained', { auc, trainRows: train.length, testRows: test.length, datasetVersion });
    await recordLineage(
      createRunEvent({
        eventType: 'COMPLETE',
        runId: lineageRunId(ctx.workflow.uid, ctx.stage, ctx.executionDate),
        job: { namespace: ctx.pipeline || 'customer-features', name: ctx.stage },
        executionDate: ctx.executionDate,
        parameters: { datasetVersion, epochs, learningRate, lapseDays: LAPSE_DAYS, auc },
        inputs: [dataset],
      }),
    );
    return { auc, trainRows: train.length, testRows: test.length };
  },
});
