/**
 * Quoting for the SQL this package builds. Every identifier and literal that comes from a caller goes through
 * these functions; nothing is spliced into SQL unquoted.
 * @internal
 */

/** Quotes an identifier (a column or table name) for DuckDB: `a"b` → `"a""b"`. */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new TypeError('an SQL identifier must not be empty');
  if (name.includes('\0')) throw new TypeError(`SQL identifier ${JSON.stringify(name)} contains a NUL character`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for DuckDB: `it's` → `'it''s'`. */
export function quoteString(value: string): string {
  if (value.includes('\0')) throw new TypeError(`SQL string ${JSON.stringify(value)} contains a NUL character`);
  return `'${value.replaceAll("'", "''")}'`;
}

/** Renders a finite number as an SQL literal; rejects NaN and infinities, which have no safe literal form. */
export function numberLiteral(value: number, what: string): string {
  if (!Number.isFinite(value)) throw new TypeError(`${what} must be a finite number, got ${String(value)}`);
  return Number.isInteger(value) ? value.toString() : `${value.toString()}::DOUBLE`;
}

/** A `read_parquet([...])` table expression over the given files, without Hive partition columns. */
export function readParquetFiles(files: readonly string[]): string {
  if (files.length === 0) throw new TypeError('readParquetFiles needs at least one file');
  return `read_parquet([${files.map(quoteString).join(', ')}], hive_partitioning = false)`;
}
