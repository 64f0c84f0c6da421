import {
  type DuckDBConnection,
  DuckDBDateValue,
  DuckDBTimestampValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
} from '@duckdb/node-api';
import {
  Bool,
  type DataType,
  DateDay,
  Float32,
  Float64,
  Int8,
  Int16,
  Int32,
  Int64,
  makeData,
  makeVector,
  Table,
  TimestampMicrosecond,
  Uint8,
  Uint16,
  Uint32,
  Uint64,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import { ARROW_CONVERTIBLE_TYPES } from './query-arrow.js';

type NumericCtor = Int8ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

function validity(values: readonly DuckDBValue[]): { bitmap: Uint8Array; nullCount: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null) nullCount++;
    else bitmap[i >> 3] = (bitmap[i >> 3] ?? 0) | (1 << (i & 7));
  }
  return { bitmap, nullCount };
}

function numberColumn<T extends DataType>(
  type: T,
  Ctor:
    | NumericCtor
    | Uint16ArrayConstructor
    | Uint32ArrayConstructor
    | Float32ArrayConstructor
    | Float64ArrayConstructor,
  values: readonly DuckDBValue[],
): Vector {
  const data = new Ctor(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number') data[i] = v;
  }
  const { bitmap, nullCount } = validity(values);
  return makeVector(makeData({ type, length: values.length, nullCount, nullBitmap: bitmap, data } as never));
}

function bigintColumn<T extends DataType>(
  type: T,
  Ctor: BigInt64ArrayConstructor | BigUint64ArrayConstructor,
  values: readonly DuckDBValue[],
  pick: (v: DuckDBValue) => bigint | undefined,
): Vector {
  const data = new Ctor(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = pick(values[i] ?? null);
    if (v !== undefined) data[i] = v;
  }
  const { bitmap, nullCount } = validity(values);
  return makeVector(makeData({ type, length: values.length, nullCount, nullBitmap: bitmap, data } as never));
}

function dateColumn(values: readonly DuckDBValue[]): Vector<DateDay> {
  const data = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v instanceof DuckDBDateValue) data[i] = v.days;
  }
  const { bitmap, nullCount } = validity(values);
  return makeVector(makeData({ type: new DateDay(), length: values.length, nullCount, nullBitmap: bitmap, data }));
}

/** Converts one DuckDB result column to an Arrow vector. @internal */
export function duckdbColumnToArrow(name: string, type: DuckDBType, values: readonly DuckDBValue[]): Vector {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return vectorFromArray(
        values.map((v) => (typeof v === 'boolean' ? v : null)),
        new Bool(),
      );
    case DuckDBTypeId.TINYINT:
      return numberColumn(new Int8(), Int8Array, values);
    case DuckDBTypeId.SMALLINT:
      return numberColumn(new Int16(), Int16Array, values);
    case DuckDBTypeId.INTEGER:
      return numberColumn(new Int32(), Int32Array, values);
    case DuckDBTypeId.UTINYINT:
      return numberColumn(new Uint8(), Uint8Array, values);
    case DuckDBTypeId.USMALLINT:
      return numberColumn(new Uint16(), Uint16Array, values);
    case DuckDBTypeId.UINTEGER:
      return numberColumn(new Uint32(), Uint32Array, values);
    case DuckDBTypeId.FLOAT:
      return numberColumn(new Float32(), Float32Array, values);
    case DuckDBTypeId.DOUBLE:
      return numberColumn(new Float64(), Float64Array, values);
    case DuckDBTypeId.BIGINT:
      return bigintColumn(new Int64(), BigInt64Array, values, (v) => (typeof v === 'bigint' ? v : undefined));
    case DuckDBTypeId.UBIGINT:
      return bigintColumn(new Uint64(), BigUint64Array, values, (v) => (typeof v === 'bigint' ? v : undefined));
    case DuckDBTypeId.TIMESTAMP:
      return bigintColumn(new TimestampMicrosecond(), BigInt64Array, values, (v) =>
        v instanceof DuckDBTimestampValue ? v.micros : undefined,
      );
    case DuckDBTypeId.DATE:
      return dateColumn(values);
    case DuckDBTypeId.VARCHAR:
      return vectorFromArray(
        values.map((v) => (typeof v === 'string' ? v : null)),
        new Utf8(),
      );
    default:
      throw new TypeError(
        `column ${JSON.stringify(name)} has DuckDB type ${type.toString()}, which has no Arrow conversion here; ` +
          `cast it in the query to one of ${ARROW_CONVERTIBLE_TYPES.join(', ')}`,
      );
  }
}

/** {@link queryArrow}'s work, in the module that loads apache-arrow and DuckDB's value classes. */
export async function queryArrowNow(connection: DuckDBConnection, sql: string): Promise<Table> {
  const reader = await connection.runAndReadAll(sql);
  const names = reader.columnNames();
  const types = reader.columnTypes();
  const columns = reader.getColumns();
  const vectors: Record<string, Vector> = {};
  names.forEach((name, i) => {
    const type = types[i];
    if (type === undefined) throw new Error(`queryArrow: DuckDB returned no type for column ${name}`);
    if (name in vectors) throw new TypeError(`queryArrow: the query returns column ${JSON.stringify(name)} twice`);
    vectors[name] = duckdbColumnToArrow(name, type, columns[i] ?? []);
  });
  return new Table(vectors);
}
