import { applyContract, openDuckDB } from '@sluice/data';
import { defineStage } from '@sluice/runtime';
import { z } from 'zod';
import { datasets } from '../src/lake.js';
import { ORDERS_CONTRACT } from '../src/orders.js';

/**
 * The raw validation gate: a breaking schema change (dropped column, changed type) halts the pipeline with exit
 * code 2; rows breaking the contract go to the dead-letter dataset with their reason; the rest are the valid orders.
 */
export default defineStage({
  name: 'validate-raw',
  params: z.object({ lakeRoot: z.string().min(1), rawPath: z.string() }),
  outputs: z.object({ validPath: z.string(), validRows: z.number().int(), deadLetters: z.number().int() }),
  async run(ctx) {
    const lake = datasets(ctx.params.lakeRoot);
    ctx.log.info('validating raw orders', { rawPath: ctx.params.rawPath });
    const db = await openDuckDB({ scratchDir: ctx.paths.scratch });
    try {
      const result = await applyContract(db.connection, {
        contract: ORDERS_CONTRACT,
        source: lake.rawOrders,
        output: lake.validOrders,
        deadLetters: lake.rejectedOrders,
        date: ctx.executionDate,
      });
      ctx.metrics.processedRows(result.inputRows);
      ctx.metrics.gauge('dead_letter_rows', 'Rows routed to the dead-letter dataset').set(result.deadLetterRows);
      if (result.deadLetterRows > 0)
        ctx.log.warn('rows routed to dead letters', { rows: result.deadLetterRows, reasons: result.failures });
      return { validPath: result.output.path, validRows: result.validRows, deadLetters: result.deadLetterRows };
    } finally {
      db.close();
    }
  },
});
