import type { Contract } from '@sluice/data';
import { sqlString } from './lake.js';

/** The columns extracted from the source, named explicitly (never `SELECT *`: a new column must not slip in). */
export const ORDER_COLUMNS = ['order_id', 'customer_id', 'amount', 'currency', 'ordered_at'] as const;

/** Days of order history the features look back over. */
export const LOOKBACK_DAYS = 90;

/** The raw orders' contract: breaking schema changes halt the pipeline, bad rows go to dead letters. */
export const ORDERS_CONTRACT: Contract = {
  name: 'orders-v1',
  columns: {
    order_id: { type: 'BIGINT', unique: true },
    customer_id: { type: 'BIGINT' },
    amount: { type: 'DOUBLE', min: 0, max: 100_000 },
    currency: { type: 'VARCHAR', oneOf: ['EUR', 'USD', 'GBP'] },
    ordered_at: { type: 'TIMESTAMP' },
  },
  extraColumns: 'drop',
};

/** A seed derived from the execution date, so the synthetic source is the same for the same date. */
export function dateSeed(executionDate: string): number {
  return Number(executionDate.replace(/-/g, '')) % 2_147_483_647;
}

/**
 * SQL generating `rows` synthetic orders over the look-back window ending on `executionDate`, deterministic for a
 * date: ~`customers` customers with a skewed order frequency, amounts up to 1,000, three currencies, and about
 * 0.3% bad rows (negative amounts, unknown currency, missing customer) for the dead-letter path.
 */
export function syntheticOrdersSql(
  executionDate: string,
  rows: number,
  customers = Math.max(10, Math.floor(rows / 20)),
): string {
  const seed = dateSeed(executionDate);
  const u = (salt: number) => `((hash(i, ${seed}, ${salt}) % 1000000) / 1000000.0)`;
  const end = `(DATE ${sqlString(executionDate)} + INTERVAL 1 DAY)`;
  return `SELECT
    i::BIGINT AS order_id,
    CASE WHEN i % 2003 = 17 THEN NULL ELSE floor(pow(${u(1)}, 2) * ${customers})::BIGINT END AS customer_id,
    round((CASE WHEN i % 997 = 5 THEN -1 ELSE 1 END) * (1 + ${u(2)} * 999), 2)::DOUBLE AS amount,
    CASE WHEN i % 1499 = 7 THEN 'XXX' ELSE ['EUR', 'USD', 'GBP'][1 + (hash(i, ${seed}, 3) % 3)::INTEGER] END AS currency,
    (${end} - to_seconds((${u(4)} * ${LOOKBACK_DAYS * 86400})::BIGINT + 1))::TIMESTAMP AS ordered_at
  FROM range(${rows}) t(i)`;
}

/** The PostgreSQL query of one batch of the window, keyset-paginated on `order_id`. */
export const POSTGRES_BATCH_SQL = `SELECT ${ORDER_COLUMNS.join(', ')}
  FROM orders
  WHERE ordered_at >= $1::date - ${LOOKBACK_DAYS} AND ordered_at < $1::date + 1 AND order_id > $2
  ORDER BY order_id
  LIMIT $3`;
