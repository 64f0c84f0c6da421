import type { DuckDBConnection } from '@duckdb/node-api';
import type { Table } from 'apache-arrow';

/**
 * The DuckDB column types that convert to Arrow (and back).
 * @example
 * ```ts
 * import { ARROW_CONVERTIBLE_TYPES } from '@sluice/data';
 *
 * const convertible = (duckdbType: string) => (ARROW_CONVERTIBLE_TYPES as readonly string[]).includes(duckdbType);
 * ```
 */
export const ARROW_CONVERTIBLE_TYPES = [
  'BOOLEAN',
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'FLOAT',
  'DOUBLE',
  'VARCHAR',
  'DATE',
  'TIMESTAMP',
] as const;

/**
 * Runs a query and returns its result as an Arrow table (column by column; DuckDB's Node API has no Arrow
 * output of its own). Supported column types: {@link ARROW_CONVERTIBLE_TYPES}. apache-arrow is loaded on the
 * first call, so importing a stage module for its definition does not load it.
 * @example
 * ```ts
 * import { openDuckDB, queryArrow } from '@sluice/data';
 *
 * const db = await openDuckDB();
 * const table = await queryArrow(db.connection, 'SELECT 1 AS id, 2.5 AS score');
 * console.log(table.numRows); // 1
 * ```
 */
export async function queryArrow(connection: DuckDBConnection, sql: string): Promise<Table> {
  const { queryArrowNow } = await import('./arrow-from-duckdb.js');
  return queryArrowNow(connection, sql);
}
