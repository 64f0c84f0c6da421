import type { DuckDBConnection } from '@duckdb/node-api';
import { FatalError } from '@sluice/runtime';
import { type ColumnRule, type Contract, checkContract, WIDENING } from './contract.js';
import { type DatasetRef, executionDay } from './dataset.js';
import { partitionFiles } from './partition-io.js';
import { type PartitionWrite, replacePartition } from './partition-versions.js';
import { numberLiteral, quoteIdent, quoteString, readParquetFiles } from './sql.js';

/**
 * Options for {@link applyContract}.
 * @example
 * ```ts
 * import type { ApplyContractOptions } from '@sluice/data';
 *
 * const options: ApplyContractOptions = {
 *   contract: { name: 'raw_orders', columns: { order_id: { type: 'BIGINT', unique: true } } },
 *   source: { root: '/lake', name: 'raw_orders' },
 *   output: { root: '/lake', name: 'orders' },
 *   deadLetters: { root: '/lake', name: 'orders_rejected' },
 *   date: '2026-06-17',
 *   keepVersions: 3,
 * };
 * ```
 */
export interface ApplyContractOptions {
  /** The contract every row must meet. */
  readonly contract: Contract;
  /** The raw dataset to read the date's partition from. */
  readonly source: DatasetRef;
  /** Where rows that pass go (the same date's partition, replaced atomically). */
  readonly output: DatasetRef;
  /** Where rows that fail go, with a `reason` column (the same date's partition, replaced atomically). */
  readonly deadLetters: DatasetRef;
  /** The execution date. */
  readonly date: string | Date;
  /** Versions to keep of the output and dead-letter partitions; default 3. */
  readonly keepVersions?: number;
}

/**
 * What {@link applyContract} did: counts a stage reports as metrics, and the two partitions it wrote.
 * @example
 * ```ts
 * import { applyContract, type ContractResult, openDuckDB } from '@sluice/data';
 *
 * const db = await openDuckDB();
 * const lake = '/lake';
 * const result: ContractResult = await applyContract(db.connection, {
 *   contract: { name: 'raw_orders', columns: { order_id: { type: 'BIGINT', unique: true } } },
 *   source: { root: lake, name: 'raw_orders' },
 *   output: { root: lake, name: 'orders' },
 *   deadLetters: { root: lake, name: 'orders_rejected' },
 *   date: '2026-06-17',
 * });
 * console.log(`${result.validRows} valid, ${result.deadLetterRows} rejected`, result.failures);
 * db.close();
 * ```
 */
export interface ContractResult {
  /** The contract's name. */
  readonly contract: string;
  /** The execution day. */
  readonly date: string;
  /** Rows read from the source partition. */
  readonly inputRows: number;
  /** Rows that met the contract and were written to the output. */
  readonly validRows: number;
  /** Rows that failed and were written to the dead letters. */
  readonly deadLetterRows: number;
  /** How many rows failed each rule, keyed by the reason text (a row failing two rules counts for both). */
  readonly failures: Readonly<Record<string, number>>;
  /** The output partition written. */
  readonly output: PartitionWrite;
  /** The dead-letter partition written (empty when every row passed, so a re-run clears old dead letters). */
  readonly deadLetters: PartitionWrite;
}

/**
 * The column of the dead-letter dataset that says why a row failed.
 * @example
 * ```ts
 * import { openDuckDB, partitionRelation, REASON_COLUMN } from '@sluice/data';
 *
 * const db = await openDuckDB();
 * const rejected = await partitionRelation({ root: '/lake', name: 'orders_rejected' }, '2026-06-17');
 * await db.connection.run(`SELECT ${REASON_COLUMN}, count(*) FROM ${rejected} GROUP BY 1`);
 * ```
 */
export const REASON_COLUMN = 'reason';
const REASON = '__sluice_reason';

interface SourceColumn {
  readonly name: string;
  readonly type: string;
}

function literal(rule: ColumnRule, value: number | string, what: string): string {
  if (typeof value === 'number') return numberLiteral(value, what);
  return `${rule.type === 'DATE' ? 'DATE' : 'TIMESTAMP'} ${quoteString(value)}`;
}

function valueLiteral(value: number | string, what: string): string {
  return typeof value === 'number' ? numberLiteral(value, what) : quoteString(value);
}

/** The SQL expressions that each yield a reason text when a row breaks one rule of one column, else NULL. */
function ruleChecks(column: string, rule: ColumnRule): string[] {
  const q = quoteIdent(column);
  const when = (condition: string, reason: string) => `CASE WHEN ${condition} THEN ${quoteString(reason)} END`;
  const checks: string[] = [];
  if (rule.nullable !== true) checks.push(when(`${q} IS NULL`, `${column}: is null`));
  // NaN compares above every number in DuckDB, and ±inf passes any one-sided bound: neither is a measurement.
  if (rule.type === 'DOUBLE' || rule.type === 'FLOAT') {
    checks.push(when(`isnan(${q})`, `${column}: is NaN`));
    checks.push(when(`isinf(${q})`, `${column}: is infinite`));
  }
  if (rule.min !== undefined) {
    checks.push(when(`${q} < ${literal(rule, rule.min, `${column}.min`)}`, `${column}: below min ${rule.min}`));
  }
  if (rule.max !== undefined) {
    checks.push(when(`${q} > ${literal(rule, rule.max, `${column}.max`)}`, `${column}: above max ${rule.max}`));
  }
  if (rule.greaterThan !== undefined) {
    const limit = numberLiteral(rule.greaterThan, `${column}.greaterThan`);
    checks.push(when(`${q} <= ${limit}`, `${column}: not above ${rule.greaterThan}`));
  }
  if (rule.lessThan !== undefined) {
    const limit = numberLiteral(rule.lessThan, `${column}.lessThan`);
    checks.push(when(`${q} >= ${limit}`, `${column}: not below ${rule.lessThan}`));
  }
  if (rule.pattern !== undefined) {
    checks.push(
      when(`NOT regexp_full_match(${q}, ${quoteString(rule.pattern)})`, `${column}: does not match ${rule.pattern}`),
    );
  }
  if (rule.oneOf !== undefined) {
    const values = rule.oneOf.map((v) => valueLiteral(v, `${column}.oneOf`)).join(', ');
    checks.push(when(`${q} NOT IN (${values})`, `${column}: not one of ${rule.oneOf.join(', ')}`));
  }
  if (rule.unique === true) {
    checks.push(when(`${q} IS NOT NULL AND count(*) OVER (PARTITION BY ${q}) > 1`, `${column}: duplicate value`));
  }
  return checks;
}

function breakingChanges(contract: Contract, columns: readonly SourceColumn[]): string[] {
  const byName = new Map(columns.map((c) => [c.name, c.type]));
  const problems: string[] = [];
  for (const [name, rule] of Object.entries(contract.columns)) {
    const found = byName.get(name);
    if (found === undefined) {
      problems.push(`column ${name} is missing (expected ${rule.type})`);
    } else if (found !== rule.type && !WIDENING[rule.type].includes(found)) {
      problems.push(`column ${name} has type ${found}, expected ${rule.type}`);
    }
  }
  if (contract.extraColumns === 'error') {
    for (const c of columns) {
      if (!(c.name in contract.columns)) problems.push(`column ${c.name} (${c.type}) is not in the contract`);
    }
  }
  return problems;
}

/**
 * The raw validation gate. Reads a date's partition of `source`, checks its schema against the contract (a
 * dropped column or a changed type is a breaking change: `FatalError` naming every such column with the expected
 * and found type), then checks every row in one DuckDB query — not row by row in JS. Rows that pass go to
 * `output` (contract columns first, cast to the contract's types); rows that fail go to `deadLetters` with all
 * their source columns and a `reason` column (`amount: below min 0; currency: not one of EUR, USD`). Both
 * partitions are replaced atomically, so a re-run of the date gives the same result.
 * @example
 * ```ts
 * import { applyContract, openDuckDB } from '@sluice/data';
 *
 * const db = await openDuckDB({ threads: 2 });
 * const result = await applyContract(db.connection, {
 *   contract: { name: 'raw_orders', columns: { order_id: { type: 'BIGINT', unique: true }, amount: { type: 'DOUBLE', min: 0 } } },
 *   source: { root: '/lake', name: 'raw_orders' },
 *   output: { root: '/lake', name: 'orders' },
 *   deadLetters: { root: '/lake', name: 'orders_rejected' },
 *   date: '2026-06-17',
 * });
 * // result.deadLetterRows and result.failures go to the stage's metrics
 * db.close();
 * ```
 */
export async function applyContract(
  connection: DuckDBConnection,
  options: ApplyContractOptions,
): Promise<ContractResult> {
  const contract = checkContract(options.contract);
  const date = executionDay(options.date);
  const files = await partitionFiles(options.source, date);
  const relation = readParquetFiles(files);
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
  const columns: SourceColumn[] = described.getRowObjects().map((r) => ({
    name: String(r.column_name),
    type: String(r.column_type),
  }));
  const where = `contract ${contract.name} on ${options.source.name} date=${date}`;
  const problems = breakingChanges(contract, columns);
  if (problems.length > 0) {
    throw new FatalError(
      `${where}: breaking change in the source: ${problems.join('; ')}. ` +
        `The source has ${columns.map((c) => `${c.name} ${c.type}`).join(', ')} (${files[0]})`,
    );
  }
  if (columns.some((c) => c.name === REASON_COLUMN || c.name === REASON)) {
    throw new FatalError(`${where}: the source has a column named ${REASON_COLUMN}, which the dead letters need`);
  }

  const checks = Object.entries(contract.columns).flatMap(([name, rule]) => ruleChecks(name, rule));
  const checked = `checked AS (SELECT *, concat_ws('; ', ${checks.length > 0 ? checks.join(', ') : 'NULL'}) AS ${REASON} FROM ${relation})`;
  const contractColumns = Object.entries(contract.columns).map(
    ([name, rule]) => `CAST(${quoteIdent(name)} AS ${rule.type}) AS ${quoteIdent(name)}`,
  );
  const extras =
    contract.extraColumns === 'keep'
      ? columns.filter((c) => !(c.name in contract.columns)).map((c) => quoteIdent(c.name))
      : [];
  const keep = { keepVersions: options.keepVersions ?? 3 };
  const counted = await connection.runAndReadAll(
    `WITH ${checked} SELECT count(*), count(*) FILTER (WHERE ${REASON} = '') FROM checked`,
  );
  const [total, valid] = (counted.getRows()[0] ?? [0, 0]).map(Number) as [number, number];
  if (total > 0 && valid === 0) {
    // Keep the evidence, but never swap a whole day's data for an empty partition.
    await replacePartition(
      connection,
      options.deadLetters,
      date,
      {
        query: `WITH ${checked} SELECT * EXCLUDE (${REASON}), ${REASON} AS ${quoteIdent(REASON_COLUMN)} FROM checked`,
      },
      keep,
    );
    throw new FatalError(
      `${where}: every one of the ${total} rows broke the contract; the output partition was left as it was and the rows are in the dead letters (${options.deadLetters.name} date=${date}). Fix the source or the contract`,
    );
  }
  const output = await replacePartition(
    connection,
    options.output,
    date,
    { query: `WITH ${checked} SELECT ${[...contractColumns, ...extras].join(', ')} FROM checked WHERE ${REASON} = ''` },
    keep,
  );
  const deadLetters = await replacePartition(
    connection,
    options.deadLetters,
    date,
    {
      query: `WITH ${checked} SELECT * EXCLUDE (${REASON}), ${REASON} AS ${quoteIdent(REASON_COLUMN)} FROM checked WHERE ${REASON} <> ''`,
    },
    keep,
  );
  const failures: Record<string, number> = {};
  if (deadLetters.rows > 0) {
    const dead = readParquetFiles(await partitionFiles(options.deadLetters, date));
    const counted = await connection.runAndReadAll(
      `SELECT r, count(*) FROM (SELECT unnest(string_split(${quoteIdent(REASON_COLUMN)}, '; ')) AS r FROM ${dead}) GROUP BY r ORDER BY r`,
    );
    for (const [reason, count] of counted.getRows()) failures[String(reason)] = Number(count);
  }
  return {
    contract: contract.name,
    date,
    inputRows: output.rows + deadLetters.rows,
    validRows: output.rows,
    deadLetterRows: deadLetters.rows,
    failures,
    output,
    deadLetters,
  };
}
