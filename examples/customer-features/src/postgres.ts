import type { DuckDB } from '@sluice/data';
import { POSTGRES_BATCH_SQL } from './orders.js';

/** One batch of orders as PostgreSQL returns them. */
interface OrderRow {
  order_id: string;
  customer_id: string | null;
  amount: number;
  currency: string;
  ordered_at: Date;
}

/** The DuckDB table the batches are appended to (`ordered_at` as ISO text, cast when the partition is written). */
export const STAGING_TABLE_SQL = `CREATE TEMP TABLE pg_orders (
  order_id BIGINT, customer_id BIGINT, amount DOUBLE, currency VARCHAR, ordered_at VARCHAR)`;

/**
 * Copies the look-back window of `orders` from PostgreSQL into the DuckDB table `table` (see
 * {@link STAGING_TABLE_SQL}), in batches keyed on `order_id`: constant memory however large the window is.
 */
export async function copyOrdersFromPostgres(
  url: string,
  duck: DuckDB['connection'],
  table: string,
  options: { executionDate: string; batchSize: number; signal: AbortSignal; onBatch: (rows: number) => void },
): Promise<number> {
  // Loaded on use: compiling the pipeline (which imports the stages for their types) never loads the driver.
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url.trim(), statement_timeout: 600_000 });
  await client.connect();
  let total = 0;
  try {
    let last = '-1';
    for (;;) {
      options.signal.throwIfAborted();
      const { rows } = await client.query<OrderRow>(POSTGRES_BATCH_SQL, [
        options.executionDate,
        last,
        options.batchSize,
      ]);
      if (rows.length === 0) break;
      const appender = await duck.createAppender(table);
      for (const r of rows) {
        appender.appendBigInt(BigInt(r.order_id));
        if (r.customer_id === null) appender.appendNull();
        else appender.appendBigInt(BigInt(r.customer_id));
        appender.appendDouble(Number(r.amount));
        appender.appendVarchar(r.currency);
        appender.appendVarchar(r.ordered_at.toISOString());
        appender.endRow();
      }
      appender.closeSync();
      total += rows.length;
      last = rows[rows.length - 1]?.order_id ?? last;
      options.onBatch(total);
    }
  } finally {
    await client.end();
  }
  return total;
}
