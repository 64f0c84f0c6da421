import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { FatalError } from '@sluice/runtime';
import type { Table } from 'apache-arrow';
import { type DatasetRef, PART_FILE, partitionDir } from './dataset.js';
import { type PartitionWrite, type ReplacePartitionOptions, replacePartition } from './partition-versions.js';
import { queryArrow } from './query-arrow.js';
import { quoteIdent, readParquetFiles } from './sql.js';

/**
 * The data files of a date's partition, as absolute paths inside the version the partition points at right now
 * (its link resolved once), so a reader that uses them sees one version even if a replace lands meanwhile.
 * Throws a FatalError naming the path when the partition does not exist or holds no `part-NNNNN.parquet`.
 * @example
 * ```ts
 * import { partitionFiles } from '@sluice/data';
 *
 * const files = await partitionFiles({ root: '/lake', name: 'raw_orders' }, '2026-06-17'); // [ '…/part-00000.parquet' ]
 * ```
 */
export async function partitionFiles(dataset: DatasetRef, date: string | Date): Promise<string[]> {
  const dir = partitionDir(dataset, date);
  let resolved: string;
  let names: string[];
  try {
    resolved = await realpath(dir);
    names = await readdir(resolved);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FatalError(`partition ${dir} does not exist (dataset ${dataset.name}, date ${date.toString()})`);
    }
    throw error;
  }
  const files = names.filter((n) => PART_FILE.test(n)).sort();
  if (files.length === 0) throw new FatalError(`partition ${dir} holds no part-NNNNN.parquet files`);
  return files.map((n) => join(resolved, n));
}

/**
 * An SQL table expression that reads a date's partition (`read_parquet([...])` over its current files), to use
 * in `FROM` clauses. Column types come from the files; the Hive `date` key is not added as a column.
 * @example
 * ```ts
 * import { openDuckDB, partitionRelation } from '@sluice/data';
 *
 * const db = await openDuckDB();
 * const orders = await partitionRelation({ root: '/lake', name: 'raw_orders' }, '2026-06-17');
 * const reader = await db.connection.runAndReadAll(`SELECT count(*) AS n FROM ${orders}`);
 * ```
 */
export async function partitionRelation(dataset: DatasetRef, date: string | Date): Promise<string> {
  return readParquetFiles(await partitionFiles(dataset, date));
}

/**
 * Options for {@link readPartitionArrow}.
 * @example
 * ```ts
 * import { openDuckDB, readPartitionArrow, type ReadPartitionOptions } from '@sluice/data';
 *
 * const db = await openDuckDB();
 * const options: ReadPartitionOptions = { columns: ['customer_id', 'spend_30d'] };
 * const table = await readPartitionArrow(db.connection, { root: '/lake', name: 'customer_features' }, '2026-06-17', options);
 * ```
 */
export interface ReadPartitionOptions {
  /** Columns to read, in this order; default all. */
  readonly columns?: readonly string[];
}

/**
 * Reads a date's partition into an Arrow table (through DuckDB).
 * @example
 * ```ts
 * import { openDuckDB, readPartitionArrow } from '@sluice/data';
 *
 * const db = await openDuckDB();
 * const table = await readPartitionArrow(db.connection, { root: '/lake', name: 'customer_features' }, '2026-06-17');
 * console.log(table.numRows, table.schema.fields.map((f) => f.name));
 * ```
 */
export async function readPartitionArrow(
  connection: DuckDBConnection,
  dataset: DatasetRef,
  date: string | Date,
  options: ReadPartitionOptions = {},
): Promise<Table> {
  const relation = await partitionRelation(dataset, date);
  const columns = options.columns === undefined ? '*' : options.columns.map(quoteIdent).join(', ');
  return queryArrow(connection, `SELECT ${columns} FROM ${relation}`);
}

/**
 * Writes an Arrow table as a date's partition, replacing any earlier version atomically (see
 * {@link replacePartition}, which this calls with `{ arrow: table }`).
 * @example
 * ```ts
 * import { openDuckDB, queryArrow, writePartitionFromArrow } from '@sluice/data';
 *
 * const db = await openDuckDB();
 * const table = await queryArrow(db.connection, 'SELECT 1 AS customer_id, 42.5 AS spend_30d');
 * const features = { root: '/lake', name: 'customer_features' };
 * const write = await writePartitionFromArrow(db.connection, features, '2026-06-17', table);
 * write.rows; // table.numRows
 * ```
 */
export function writePartitionFromArrow(
  connection: DuckDBConnection,
  dataset: DatasetRef,
  date: string | Date,
  table: Table,
  options: ReplacePartitionOptions = {},
): Promise<PartitionWrite> {
  return replacePartition(connection, dataset, date, { arrow: table }, options);
}
