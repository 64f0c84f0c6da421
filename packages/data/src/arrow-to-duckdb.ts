import { randomUUID } from 'node:crypto';
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  type DuckDBValue,
  dateValue,
  FLOAT,
  INTEGER,
  SMALLINT,
  TIMESTAMP,
  TINYINT,
  timestampValue,
  UBIGINT,
  UINTEGER,
  USMALLINT,
  UTINYINT,
  VARCHAR,
} from '@duckdb/node-api';
import { type Data, type DataType, type Field, type Table, TimeUnit, Type, type Vector } from 'apache-arrow';
import { quoteIdent } from './sql.js';

const CHUNK_ROWS = 2048;
const MS_PER_DAY = 86_400_000n;

interface ColumnPlan {
  readonly duckType: DuckDBType;
  /** Reads a non-null value: `index` within the chunk `data`, `row` within the whole `vector`. */
  readonly read: (data: Data<DataType>, index: number, vector: Vector, row: number) => DuckDBValue;
}

function timestampMicros(unit: TimeUnit, raw: bigint): bigint {
  switch (unit) {
    case TimeUnit.SECOND:
      return raw * 1_000_000n;
    case TimeUnit.MILLISECOND:
      return raw * 1000n;
    case TimeUnit.MICROSECOND:
      return raw;
    default:
      return raw / 1000n;
  }
}

function rawValues(data: Data<DataType>): ArrayLike<number | bigint> {
  return data.values as ArrayLike<number | bigint>;
}

function planColumn(field: Field): ColumnPlan {
  const type = field.type as DataType;
  const number = (duckType: DuckDBType): ColumnPlan => ({
    duckType,
    read: (d, i) => {
      const v = rawValues(d)[i];
      return typeof v === 'bigint' ? Number(v) : (v ?? null);
    },
  });
  switch (type.typeId) {
    case Type.Bool:
      return { duckType: BOOLEAN, read: (_d, _i, vector, row) => Boolean(vector.get(row)) };
    case Type.Int: {
      const { bitWidth, isSigned } = type as unknown as { bitWidth: number; isSigned: boolean };
      if (bitWidth === 64) {
        return {
          duckType: isSigned ? BIGINT : UBIGINT,
          read: (d, i) => BigInt(rawValues(d)[i] ?? 0),
        };
      }
      const duckTypes: Record<number, DuckDBType> = isSigned
        ? { 8: TINYINT, 16: SMALLINT, 32: INTEGER }
        : { 8: UTINYINT, 16: USMALLINT, 32: UINTEGER };
      const duckType = duckTypes[bitWidth];
      if (duckType) return number(duckType);
      break;
    }
    case Type.Float: {
      const { precision } = type as unknown as { precision: number };
      if (precision === 1) return number(FLOAT);
      if (precision === 2) return number(DOUBLE);
      break;
    }
    case Type.Utf8:
    case Type.LargeUtf8:
      return { duckType: VARCHAR, read: (_d, _i, vector, row) => String(vector.get(row)) };
    case Type.Dictionary: {
      const { dictionary } = type as unknown as { dictionary: DataType };
      if (dictionary.typeId === Type.Utf8 || dictionary.typeId === Type.LargeUtf8) {
        return { duckType: VARCHAR, read: (_d, _i, vector, row) => String(vector.get(row)) };
      }
      break;
    }
    case Type.Date: {
      const { unit } = type as unknown as { unit: number };
      return {
        duckType: DATE,
        read: (d, i) => {
          const raw = rawValues(d)[i] ?? 0;
          // DateUnit.DAY = 0 stores days; DateUnit.MILLISECOND = 1 stores milliseconds.
          const days = unit === 0 ? Number(raw) : Number(BigInt(raw) / MS_PER_DAY);
          return dateValue(days);
        },
      };
    }
    case Type.Timestamp: {
      const { unit } = type as unknown as { unit: TimeUnit };
      return {
        duckType: TIMESTAMP,
        read: (d, i) => timestampValue(timestampMicros(unit, BigInt(rawValues(d)[i] ?? 0))),
      };
    }
    default:
      break;
  }
  throw new TypeError(
    `Arrow field ${JSON.stringify(field.name)} has type ${String(type)}, which has no DuckDB conversion here; ` +
      'use Bool, Int8–64, Uint8–64, Float32/64, Utf8 (plain or dictionary-encoded), Date or Timestamp',
  );
}

/**
 * Loads an Arrow table into a new temporary DuckDB table (through the appender, 2048 rows per chunk) and returns
 * the table's quoted name. The caller drops it (or lets the connection close).
 * @internal
 */
export async function arrowToTempTable(connection: DuckDBConnection, table: Table): Promise<string> {
  const fields = table.schema.fields;
  if (fields.length === 0) throw new TypeError('cannot load an Arrow table with no columns');
  const plans = fields.map(planColumn);
  const name = `sluice_arrow_${randomUUID().replaceAll('-', '')}`;
  const columnsSql = fields.map((f, i) => `${quoteIdent(f.name)} ${plans[i]?.duckType.toString()}`).join(', ');
  await connection.run(`CREATE TEMP TABLE ${quoteIdent(name)} (${columnsSql})`);
  const appender = await connection.createAppender(name, 'main', 'temp');
  try {
    const columns = fields.map((f) => table.getChild(f.name));
    const types = plans.map((p) => p.duckType);
    for (let start = 0; start < table.numRows; start += CHUNK_ROWS) {
      const rows = Math.min(CHUNK_ROWS, table.numRows - start);
      const chunk = DuckDBDataChunk.create(types, rows);
      columns.forEach((vector, c) => {
        const plan = plans[c];
        if (vector === null || plan === undefined) return;
        const values: DuckDBValue[] = new Array(rows);
        for (let r = 0; r < rows; r++) {
          const row = start + r;
          const located = locate(vector.data, row);
          values[r] =
            located?.data.getValid(located.index) === true ? plan.read(located.data, located.index, vector, row) : null;
        }
        chunk.setColumnValues(c, values);
      });
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return quoteIdent(name);
}

function locate(chunks: readonly Data<DataType>[], row: number): { data: Data<DataType>; index: number } | undefined {
  let offset = 0;
  for (const data of chunks) {
    if (row < offset + data.length) return { data, index: row - offset };
    offset += data.length;
  }
  return undefined;
}
