import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { FatalError } from '@sluice/runtime';
import { type DatasetRef, executionDay } from './dataset.js';
import { writeFileAtomic } from './fs-atomic.js';
import { partitionFiles } from './partition-io.js';
import { numberLiteral, quoteIdent, readParquetFiles } from './sql.js';

/**
 * Bounds on the partition's row count.
 * @example
 * ```ts
 * import type { RowCountCheck } from '@sluice/data';
 *
 * const enoughCustomers: RowCountCheck = { kind: 'rowCount', min: 10_000 };
 * ```
 */
export interface RowCountCheck {
  readonly kind: 'rowCount';
  readonly min?: number;
  readonly max?: number;
}

/**
 * The share of nulls in a column must not exceed `max` (0 to 1).
 * @example
 * ```ts
 * import type { NullRateCheck } from '@sluice/data';
 *
 * const spendMostlyPresent: NullRateCheck = { kind: 'nullRate', column: 'spend_30d', max: 0.01 };
 * ```
 */
export interface NullRateCheck {
  readonly kind: 'nullRate';
  readonly column: string;
  readonly max: number;
}

/**
 * Every non-null value of a numeric column must lie within [`min`, `max`].
 * @example
 * ```ts
 * import type { RangeCheck } from '@sluice/data';
 *
 * const adults: RangeCheck = { kind: 'range', column: 'age', min: 18, max: 120 };
 * ```
 */
export interface RangeCheck {
  readonly kind: 'range';
  readonly column: string;
  readonly min?: number;
  readonly max?: number;
}

/**
 * Bounds on the number of distinct non-null values of a column.
 * @example
 * ```ts
 * import type { DistinctCountCheck } from '@sluice/data';
 *
 * const countries: DistinctCountCheck = { kind: 'distinctCount', column: 'country', max: 250 };
 * ```
 */
export interface DistinctCountCheck {
  readonly kind: 'distinctCount';
  readonly column: string;
  readonly min?: number;
  readonly max?: number;
}

/**
 * The column's mean must stay within `tolerance` of the reference partition's mean.
 * @example
 * ```ts
 * import type { MeanDriftCheck } from '@sluice/data';
 *
 * const spendStable: MeanDriftCheck = { kind: 'meanDrift', column: 'spend_30d', tolerance: 0.1, relative: true };
 * ```
 */
export interface MeanDriftCheck {
  readonly kind: 'meanDrift';
  readonly column: string;
  /** Allowed difference: a fraction of the reference value when `relative` (default), else absolute. */
  readonly tolerance: number;
  readonly relative?: boolean;
}

/**
 * Each of the column's quantiles must stay within `tolerance` of the reference partition's.
 * @example
 * ```ts
 * import type { QuantileDriftCheck } from '@sluice/data';
 *
 * const tails: QuantileDriftCheck = { kind: 'quantileDrift', column: 'spend_30d', quantiles: [0.5, 0.9], tolerance: 0.15 };
 * ```
 */
export interface QuantileDriftCheck {
  readonly kind: 'quantileDrift';
  readonly column: string;
  /** Quantiles to compare, each in (0, 1), e.g. `[0.5, 0.9, 0.99]`. */
  readonly quantiles: readonly number[];
  /** Allowed difference: a fraction of the reference value when `relative` (default), else absolute. */
  readonly tolerance: number;
  readonly relative?: boolean;
}

/**
 * One declarative check of a feature partition.
 * @example
 * ```ts
 * import type { FeatureCheck } from '@sluice/data';
 *
 * const checks: FeatureCheck[] = [
 *   { kind: 'rowCount', min: 10_000 },
 *   { kind: 'nullRate', column: 'spend_30d', max: 0.01 },
 * ];
 * ```
 */
export type FeatureCheck =
  | RowCountCheck
  | NullRateCheck
  | RangeCheck
  | DistinctCountCheck
  | MeanDriftCheck
  | QuantileDriftCheck;

/**
 * Options for {@link checkFeatures}.
 * @example
 * ```ts
 * import type { CheckFeaturesOptions } from '@sluice/data';
 *
 * const features = { root: '/lake', name: 'customer_features' };
 * const options: CheckFeaturesOptions = {
 *   dataset: features,
 *   date: '2026-06-17',
 *   reference: { dataset: features, date: '2026-06-16' },
 *   checks: [{ kind: 'meanDrift', column: 'spend_30d', tolerance: 0.1 }],
 *   reportPath: '/tmp/outputs/feature-report.json',
 * };
 * ```
 */
export interface CheckFeaturesOptions {
  /** The dataset whose partition is checked. */
  readonly dataset: DatasetRef;
  /** The execution date of the partition checked. */
  readonly date: string | Date;
  /** The checks; every one is evaluated and reported, breached or not. */
  readonly checks: readonly FeatureCheck[];
  /** The partition drift checks compare against (e.g. the last accepted training set). */
  readonly reference?: { readonly dataset: DatasetRef; readonly date: string | Date };
  /** Where the JSON report is written (atomically), breached or not. */
  readonly reportPath: string;
}

/**
 * The outcome of one check in a {@link FeatureReport}.
 * @example
 * ```ts
 * import type { FeatureCheckResult, FeatureReport } from '@sluice/data';
 *
 * const failedChecks = (report: FeatureReport): FeatureCheckResult[] => report.checks.filter((c) => !c.passed);
 * ```
 */
export interface FeatureCheckResult {
  /** A short name such as `nullRate(spend)` or `quantileDrift(spend, q=0.9)`. */
  readonly check: string;
  readonly kind: FeatureCheck['kind'];
  readonly column?: string;
  readonly passed: boolean;
  /** The value measured on the partition (null when there was nothing to measure). */
  readonly observed: number | null;
  /** The value measured on the reference partition, for drift checks. */
  readonly reference?: number | null;
  /** What would have passed, e.g. `<= 0.05` or `within 10% of 41.2`. */
  readonly expected: string;
}

/**
 * The JSON report {@link checkFeatures} writes and returns.
 * @example
 * ```ts
 * import { checkFeatures, type FeatureReport, openDuckDB } from '@sluice/data';
 *
 * const db = await openDuckDB();
 * const report: FeatureReport = await checkFeatures(db.connection, {
 *   dataset: { root: '/lake', name: 'customer_features' },
 *   date: '2026-06-17',
 *   checks: [{ kind: 'rowCount', min: 1 }],
 *   reportPath: '/tmp/outputs/feature-report.json',
 * });
 * if (!report.passed) console.error(report.checks.filter((c) => !c.passed).map((c) => c.check));
 * ```
 */
export interface FeatureReport {
  readonly dataset: string;
  readonly date: string;
  readonly reference: { readonly dataset: string; readonly date: string } | null;
  readonly rows: number;
  readonly passed: boolean;
  readonly checks: readonly FeatureCheckResult[];
}

type Stat = { readonly sql: string };

function describeBounds(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  if (min !== undefined) return `>= ${min}`;
  if (max !== undefined) return `<= ${max}`;
  return 'any value';
}

function withinBounds(value: number | null, min: number | undefined, max: number | undefined): boolean {
  if (value === null || Number.isNaN(value)) return false;
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

function validate(check: FeatureCheck, index: number, hasReference: boolean): void {
  const where = `feature check #${index + 1} (${check.kind})`;
  const finite = (name: string, v: number | undefined) => {
    if (v !== undefined && !Number.isFinite(v)) throw new TypeError(`${where}: ${name} must be a finite number`);
  };
  switch (check.kind) {
    case 'rowCount':
    case 'range':
    case 'distinctCount':
      finite('min', check.min);
      finite('max', check.max);
      if (check.min === undefined && check.max === undefined) throw new TypeError(`${where}: give min, max or both`);
      break;
    case 'nullRate':
      if (!(check.max >= 0 && check.max <= 1)) throw new TypeError(`${where}: max must be a rate from 0 to 1`);
      break;
    case 'meanDrift':
    case 'quantileDrift':
      if (!hasReference) throw new TypeError(`${where}: drift checks need a reference partition (options.reference)`);
      if (!(check.tolerance >= 0)) throw new TypeError(`${where}: tolerance must be a number >= 0`);
      if (
        check.kind === 'quantileDrift' &&
        (check.quantiles.length === 0 || check.quantiles.some((q) => !(q > 0 && q < 1)))
      ) {
        throw new TypeError(`${where}: quantiles must be a non-empty list of numbers between 0 and 1`);
      }
      break;
    default:
      throw new TypeError(
        `${where}: unknown kind; use rowCount, nullRate, range, distinctCount, meanDrift or quantileDrift`,
      );
  }
}

async function columnsOf(connection: DuckDBConnection, relation: string): Promise<Set<string>> {
  const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`);
  return new Set(reader.getRows().map((r) => String(r[0])));
}

/** Runs one aggregate query computing every statistic asked for, returned by position. */
async function measure(
  connection: DuckDBConnection,
  relation: string,
  stats: readonly Stat[],
): Promise<(number | null)[]> {
  if (stats.length === 0) return [];
  const reader = await connection.runAndReadAll(
    `SELECT ${stats.map((s, i) => `(${s.sql})::DOUBLE AS s${i}`).join(', ')} FROM ${relation}`,
  );
  const row = reader.getRows()[0] ?? [];
  return stats.map((_, i) => {
    const v = row[i];
    return typeof v === 'number' ? v : null;
  });
}

function unknownKind(check: never): never {
  throw new TypeError(`unknown feature check ${JSON.stringify(check)}`);
}

/** A number for a message: at most 6 significant digits. */
function fmt(value: number | null): string {
  return value === null ? 'none' : String(Number(value.toPrecision(6)));
}

function driftExpected(ref: number | null, tolerance: number, relative: boolean): string {
  return relative ? `within ${fmt(tolerance * 100)}% of ${fmt(ref)}` : `within ${tolerance} of ${fmt(ref)}`;
}

function drifted(observed: number | null, ref: number | null, tolerance: number, relative: boolean): boolean {
  if (observed === null || ref === null) return true;
  const allowed = relative ? tolerance * Math.abs(ref) : tolerance;
  return Math.abs(observed - ref) > allowed + Number.EPSILON * Math.max(1, Math.abs(ref));
}

/**
 * The feature validation gate: evaluates declarative checks on a date's partition of a (transformed) dataset in
 * DuckDB — row count bounds, null rates, value ranges, distinct counts, and drift of means and quantiles against
 * a reference partition — writes a JSON report atomically to `reportPath` and returns it. When any check is
 * breached it throws a `FatalError` listing every breached check (after writing the report), so the stage exits 2
 * and the pipeline stops before a bad training set is loaded.
 * @example
 * ```ts
 * import { checkFeatures, openDuckDB } from '@sluice/data';
 *
 * const db = await openDuckDB();
 * const features = { root: '/lake', name: 'customer_features' };
 * await checkFeatures(db.connection, {
 *   dataset: features,
 *   date: '2026-06-17',
 *   reportPath: '/tmp/outputs/feature-report.json',
 *   reference: { dataset: features, date: '2026-06-16' },
 *   checks: [
 *     { kind: 'rowCount', min: 10_000 },
 *     { kind: 'nullRate', column: 'spend_30d', max: 0.01 },
 *     { kind: 'range', column: 'age', min: 18, max: 120 },
 *     { kind: 'distinctCount', column: 'country', max: 250 },
 *     { kind: 'meanDrift', column: 'spend_30d', tolerance: 0.1 },
 *     { kind: 'quantileDrift', column: 'spend_30d', quantiles: [0.5, 0.9], tolerance: 0.15 },
 *   ],
 * });
 * db.close();
 * ```
 */
export async function checkFeatures(
  connection: DuckDBConnection,
  options: CheckFeaturesOptions,
): Promise<FeatureReport> {
  options.checks.forEach((c, i) => {
    validate(c, i, options.reference !== undefined);
  });
  const date = executionDay(options.date);
  const relation = readParquetFiles(await partitionFiles(options.dataset, date));
  const refDate = options.reference ? executionDay(options.reference.date) : undefined;
  const refRelation = options.reference
    ? readParquetFiles(await partitionFiles(options.reference.dataset, options.reference.date))
    : undefined;

  const present = await columnsOf(connection, relation);
  const refPresent = refRelation ? await columnsOf(connection, refRelation) : new Set<string>();
  const missing = options.checks.flatMap((c) => {
    if (!('column' in c)) return [];
    const problems: string[] = [];
    if (!present.has(c.column))
      problems.push(
        `${c.kind} check names column ${c.column}, which ${options.dataset.name} date=${date} does not have`,
      );
    if ((c.kind === 'meanDrift' || c.kind === 'quantileDrift') && !refPresent.has(c.column)) {
      problems.push(`${c.kind} check names column ${c.column}, which the reference partition does not have`);
    }
    return problems;
  });
  if (missing.length > 0)
    throw new FatalError(`feature checks on ${options.dataset.name} date=${date}: ${missing.join('; ')}`);

  // Collect the statistics every check needs, then measure the partition and the reference in one query each.
  const stats: Stat[] = [{ sql: 'count(*)' }];
  const refStats: Stat[] = [];
  const add = (list: Stat[], sql: string) => list.push({ sql }) - 1;
  const plans = options.checks.map((check) => {
    switch (check.kind) {
      case 'rowCount':
        return { check, at: [0] };
      case 'nullRate':
        return { check, at: [add(stats, `count(*) - count(${quoteIdent(check.column)})`)] };
      case 'range':
        return {
          check,
          at: [add(stats, `min(${quoteIdent(check.column)})`), add(stats, `max(${quoteIdent(check.column)})`)],
        };
      case 'distinctCount':
        return { check, at: [add(stats, `count(DISTINCT ${quoteIdent(check.column)})`)] };
      case 'meanDrift': {
        const sql = `avg(${quoteIdent(check.column)})`;
        return { check, at: [add(stats, sql)], refAt: [add(refStats, sql)] };
      }
      case 'quantileDrift': {
        const sqls = check.quantiles.map(
          (q) => `quantile_cont(${quoteIdent(check.column)}::DOUBLE, ${numberLiteral(q, 'quantile')})`,
        );
        return { check, at: sqls.map((s) => add(stats, s)), refAt: sqls.map((s) => add(refStats, s)) };
      }
      default:
        return unknownKind(check);
    }
  });
  const values = await measure(connection, relation, stats);
  const refValues = refRelation ? await measure(connection, refRelation, refStats) : [];
  const rows = values[0] ?? 0;

  const results: FeatureCheckResult[] = plans.flatMap(({ check, at, refAt }): FeatureCheckResult[] => {
    const v = (i: number | undefined) => (i === undefined ? null : (values[i] ?? null));
    const r = (i: number | undefined) => (i === undefined ? null : (refValues[i] ?? null));
    switch (check.kind) {
      case 'rowCount':
        return [
          {
            check: 'rowCount',
            kind: check.kind,
            passed: withinBounds(rows, check.min, check.max),
            observed: rows,
            expected: describeBounds(check.min, check.max),
          },
        ];
      case 'nullRate': {
        const nulls = v(at[0]);
        const rate = rows === 0 || nulls === null ? 0 : nulls / rows;
        return [
          {
            check: `nullRate(${check.column})`,
            kind: check.kind,
            column: check.column,
            passed: rate <= check.max,
            observed: rate,
            expected: `<= ${check.max}`,
          },
        ];
      }
      case 'range': {
        const lo = v(at[0]);
        const hi = v(at[1]);
        const passed =
          lo === null ||
          ((check.min === undefined || lo >= check.min) && (check.max === undefined || (hi ?? lo) <= check.max));
        const observed = check.min !== undefined && lo !== null && lo < check.min ? lo : (hi ?? lo);
        return [
          {
            check: `range(${check.column})`,
            kind: check.kind,
            column: check.column,
            passed,
            observed,
            expected: `values ${describeBounds(check.min, check.max)}`,
          },
        ];
      }
      case 'distinctCount': {
        const distinct = v(at[0]);
        return [
          {
            check: `distinctCount(${check.column})`,
            kind: check.kind,
            column: check.column,
            passed: withinBounds(distinct, check.min, check.max),
            observed: distinct,
            expected: describeBounds(check.min, check.max),
          },
        ];
      }
      case 'meanDrift': {
        const relative = check.relative !== false;
        const observed = v(at[0]);
        const ref = r(refAt?.[0]);
        return [
          {
            check: `meanDrift(${check.column})`,
            kind: check.kind,
            column: check.column,
            passed: !drifted(observed, ref, check.tolerance, relative),
            observed,
            reference: ref,
            expected: driftExpected(ref, check.tolerance, relative),
          },
        ];
      }
      case 'quantileDrift': {
        const relative = check.relative !== false;
        return check.quantiles.map((q, k) => {
          const observed = v(at[k]);
          const ref = r(refAt?.[k]);
          return {
            check: `quantileDrift(${check.column}, q=${q})`,
            kind: check.kind,
            column: check.column,
            passed: !drifted(observed, ref, check.tolerance, relative),
            observed,
            reference: ref,
            expected: driftExpected(ref, check.tolerance, relative),
          };
        });
      }
      default:
        return unknownKind(check);
    }
  });

  const report: FeatureReport = {
    dataset: options.dataset.name,
    date,
    reference: options.reference && refDate ? { dataset: options.reference.dataset.name, date: refDate } : null,
    rows,
    passed: results.every((c) => c.passed),
    checks: results,
  };
  await mkdir(dirname(options.reportPath), { recursive: true });
  await writeFileAtomic(options.reportPath, `${JSON.stringify(report, null, 2)}\n`);
  const breached = results.filter((c) => !c.passed);
  if (breached.length > 0) {
    throw new FatalError(
      `feature checks on ${report.dataset} date=${date}: ${breached.length} of ${results.length} breached: ` +
        `${breached.map((c) => `${c.check} = ${fmt(c.observed)}, expected ${c.expected}`).join('; ')} (report: ${options.reportPath})`,
    );
  }
  return report;
}
