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
 *
 * @example
 * ```ts
 * await partitionFiles(orders, '2026-06-17'); // ['/lake/orders/.versions/date=2026-06-17/v00002/part-00000.parquet']
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
 *
 * @example
 * ```ts
 * const orders = await partitionRelation(rawOrders, day);
 * await db.connection.run(`CREATE TEMP TABLE big AS SELECT * FROM ${orders} WHERE amount > 100`);
 * ```
 */
export async function partitionRelation(dataset: DatasetRef, date: string | Date): Promise<string> {
  return readParquetFiles(await partitionFiles(dataset, date));
}

/** Options for {@link readPartitionArrow}. */
export interface ReadPartitionOptions {
  /** Columns to read, in this order; default all. */
  readonly columns?: readonly string[];
}

/**
 * Reads a date's partition into an Arrow table (through DuckDB).
 *
 * @example
 * ```ts
 * const table = await readPartitionArrow(db.connection, features, '2026-06-17', { columns: ['customer_id', 'spend'] });
 * table.numRows;
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
 *
 * @example
 * ```ts
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
