import { join } from 'node:path';

/**
 * A dataset: a directory of Parquet partitions in a Hive layout keyed by execution date,
 * `<root>/<name>/date=YYYY-MM-DD/part-NNNNN.parquet`.
 * @example
 * ```ts
 * import { type DatasetRef, partitionDir } from '@sluice/data';
 *
 * const features: DatasetRef = { root: '/data/lake', name: 'customer_features' };
 * partitionDir(features, '2026-06-17'); // '/data/lake/customer_features/date=2026-06-17'
 * ```
 */
export interface DatasetRef {
  /** The directory that holds datasets (a PVC mount in Argo, a run directory locally). */
  readonly root: string;
  /** The dataset's name: letters, digits, `_`, `-` and `.`, not starting with `.` or `_`. */
  readonly name: string;
}

const DATASET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Throws a TypeError unless `name` is a valid dataset name (so it can never escape `root` or hide).
 * @example
 * ```ts
 * import { assertDatasetName } from '@sluice/data';
 *
 * assertDatasetName('customer_features'); // fine
 * assertDatasetName('../etc'); // throws a TypeError naming the allowed characters
 * ```
 */
export function assertDatasetName(name: string): void {
  if (!DATASET_NAME.test(name) || name.includes('..')) {
    throw new TypeError(
      `invalid dataset name ${JSON.stringify(name)}: use letters, digits, '_', '-' and '.', starting with a letter or digit`,
    );
  }
}

/**
 * Checks an execution date and returns it in canonical `YYYY-MM-DD` form. Accepts a `YYYY-MM-DD` string or a
 * `Date` (its UTC calendar day). Rejects anything else, including impossible days such as `2026-02-30`.
 * @example
 * ```ts
 * import { executionDay } from '@sluice/data';
 *
 * executionDay('2026-06-17'); // '2026-06-17'
 * executionDay(new Date('2026-06-17T23:30:00Z')); // '2026-06-17'
 * ```
 */
export function executionDay(date: string | Date): string {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new TypeError('execution date is an invalid Date');
    return date.toISOString().slice(0, 10);
  }
  const match = DATE.exec(date);
  if (match) {
    const [, y, m, d] = match;
    const parsed = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    if (parsed.toISOString().slice(0, 10) === date) return date;
  }
  throw new TypeError(`invalid execution date ${JSON.stringify(date)}: expected a calendar day as YYYY-MM-DD`);
}

/**
 * The dataset's directory, `<root>/<name>`.
 * @example
 * ```ts
 * import { datasetDir } from '@sluice/data';
 *
 * datasetDir({ root: '/lake', name: 'raw_orders' }); // '/lake/raw_orders'
 * ```
 */
export function datasetDir(dataset: DatasetRef): string {
  assertDatasetName(dataset.name);
  return join(dataset.root, dataset.name);
}

/**
 * The partition's path for an execution date, `<root>/<name>/date=YYYY-MM-DD`. For partitions written by
 * {@link replacePartition} this is a symbolic link to the current version's directory.
 * @example
 * ```ts
 * import { partitionDir } from '@sluice/data';
 *
 * partitionDir({ root: '/lake', name: 'raw_orders' }, '2026-06-17'); // '/lake/raw_orders/date=2026-06-17'
 * ```
 */
export function partitionDir(dataset: DatasetRef, date: string | Date): string {
  return join(datasetDir(dataset), `date=${executionDay(date)}`);
}

/**
 * The name of the `index`-th data file of a partition: `part-00000.parquet`, `part-00001.parquet`, …
 * @example
 * ```ts
 * import { partFileName } from '@sluice/data';
 *
 * partFileName(0); // 'part-00000.parquet'
 * ```
 */
export function partFileName(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > 99_999) {
    throw new RangeError(`part file index must be an integer from 0 to 99999, got ${index}`);
  }
  return `part-${index.toString().padStart(5, '0')}.parquet`;
}

/** Matches the data files of a partition. @internal */
export const PART_FILE = /^part-\d{5}\.parquet$/;
