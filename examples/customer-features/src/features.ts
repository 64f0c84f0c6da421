import { sqlString } from './lake.js';
import { LOOKBACK_DAYS } from './orders.js';

/** The feature columns, in order. */
export const FEATURE_COLUMNS = [
  'customer_id',
  'order_count_90d',
  'spend_90d',
  'avg_order_value',
  'max_order_value',
  'distinct_currencies',
  'days_since_last_order',
  'execution_date',
] as const;

/**
 * SQL computing one partition's customer features from the valid orders: customers are split by
 * `hash(customer_id) % count`, so every customer lands in exactly one of the `count` partitions.
 */
export function featuresSql(ordersRelation: string, executionDate: string, index: number, count: number): string {
  const day = `DATE ${sqlString(executionDate)}`;
  return `SELECT
    customer_id,
    count(*)::BIGINT AS order_count_90d,
    round(sum(amount), 2) AS spend_90d,
    round(avg(amount), 2) AS avg_order_value,
    max(amount) AS max_order_value,
    count(DISTINCT currency)::BIGINT AS distinct_currencies,
    date_diff('day', max(ordered_at)::DATE, ${day})::BIGINT AS days_since_last_order,
    ${day} AS execution_date
  FROM ${ordersRelation}
  WHERE ordered_at >= ${day} - INTERVAL ${LOOKBACK_DAYS} DAY AND ordered_at < ${day} + INTERVAL 1 DAY
    AND hash(customer_id) % ${count} = ${index}
  GROUP BY customer_id
  ORDER BY customer_id`;
}
