import { z } from 'zod';

/**
 * The column types a contract can require (DuckDB's names).
 * @example
 * ```ts
 * import { CONTRACT_TYPES, type ContractType } from '@sluice/data';
 *
 * const isContractType = (type: string): type is ContractType => (CONTRACT_TYPES as readonly string[]).includes(type);
 * ```
 */
export const CONTRACT_TYPES = [
  'BOOLEAN',
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'FLOAT',
  'DOUBLE',
  'VARCHAR',
  'DATE',
  'TIMESTAMP',
] as const;

/**
 * One of {@link CONTRACT_TYPES}.
 * @example
 * ```ts
 * import type { ContractType } from '@sluice/data';
 *
 * const amountType: ContractType = 'DOUBLE';
 * ```
 */
export type ContractType = (typeof CONTRACT_TYPES)[number];

/**
 * The rules for one column. Type and presence are checked against the source's schema (a mismatch is a breaking
 * change: FatalError); the other rules are checked per row (a failing row goes to the dead letters).
 * @example
 * ```ts
 * import type { ColumnRule } from '@sluice/data';
 *
 * const currency: ColumnRule = { type: 'VARCHAR', oneOf: ['EUR', 'USD'] };
 * const amount: ColumnRule = { type: 'DOUBLE', min: 0, nullable: false };
 * ```
 */
export interface ColumnRule {
  /** The type the column must have. A narrower integer (or FLOAT for DOUBLE) is accepted and widened. */
  readonly type: ContractType;
  /** Whether nulls are allowed; default false. */
  readonly nullable?: boolean;
  /** Smallest allowed value: a number, or `YYYY-MM-DD…` text for DATE and TIMESTAMP columns. */
  readonly min?: number | string;
  /** Largest allowed value, as for `min`. */
  readonly max?: number | string;
  /** Values must be strictly greater than this number (e.g. zod's `.positive()` is `greaterThan: 0`). */
  readonly greaterThan?: number;
  /** Values must be strictly less than this number. */
  readonly lessThan?: number;
  /** A regular expression (RE2 syntax, as DuckDB runs it) the whole VARCHAR value must match. */
  readonly pattern?: string;
  /** The only allowed values. */
  readonly oneOf?: readonly (string | number)[];
  /** Whether a value may appear only once in the partition (duplicates all go to the dead letters). */
  readonly unique?: boolean;
}

/**
 * A data contract for a raw source: the columns a partition must have and the rules each row must satisfy.
 * @example
 * ```ts
 * import type { Contract } from '@sluice/data';
 *
 * const orders: Contract = {
 *   name: 'raw_orders',
 *   columns: {
 *     order_id: { type: 'BIGINT', unique: true },
 *     amount: { type: 'DOUBLE', min: 0 },
 *     currency: { type: 'VARCHAR', oneOf: ['EUR', 'USD'] },
 *     email: { type: 'VARCHAR', nullable: true, pattern: '[^@]+@[^@]+' },
 *   },
 * };
 * ```
 */
export interface Contract {
  /** The contract's name, used in error messages and reports. */
  readonly name: string;
  /** The required columns and their rules, in output order. */
  readonly columns: Readonly<Record<string, ColumnRule>>;
  /**
   * What to do with source columns the contract does not name: `drop` them from the output (default), `keep`
   * them after the contract's columns, or treat them as a breaking change (`error`).
   */
  readonly extraColumns?: 'drop' | 'keep' | 'error';
}

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$/;

/**
 * The schema a contract is checked against, built on first use: building it costs zod work that a process which
 * only imports `@sluice/data` (a pipeline's compile, for its stages' definitions) should not pay.
 */
function contractSchema() {
  contractSchemaMemo ??= buildContractSchema();
  return contractSchemaMemo;
}

let contractSchemaMemo: ReturnType<typeof buildContractSchema> | undefined;

function buildContractSchema() {
  const bound = z.union([
    z.number().finite(),
    z.string().regex(DATE_TEXT, 'a date or timestamp as YYYY-MM-DD[ HH:MM[:SS]]'),
  ]);

  const columnRuleSchema = z
    .object({
      type: z.enum(CONTRACT_TYPES),
      nullable: z.boolean().optional(),
      min: bound.optional(),
      max: bound.optional(),
      greaterThan: z.number().finite().optional(),
      lessThan: z.number().finite().optional(),
      pattern: z.string().min(1).optional(),
      oneOf: z
        .array(z.union([z.string(), z.number().finite()]))
        .min(1)
        .optional(),
      unique: z.boolean().optional(),
    })
    .strict();

  return z
    .object({
      name: z.string().min(1),
      columns: z
        .record(z.string().min(1), columnRuleSchema)
        .refine((c) => Object.keys(c).length > 0, 'name at least one column'),
      extraColumns: z.enum(['drop', 'keep', 'error']).optional(),
    })
    .strict();
}

const NUMERIC: ReadonlySet<ContractType> = new Set(['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'FLOAT', 'DOUBLE']);
const TEMPORAL: ReadonlySet<ContractType> = new Set(['DATE', 'TIMESTAMP']);

/**
 * Checks a contract's own shape (before any data is read) and returns it. Errors name the contract, the column
 * and the rule, e.g. `contract raw_orders: column amount: min must be a number for a DOUBLE column`.
 * @example
 * ```ts
 * import { checkContract } from '@sluice/data';
 *
 * // Throws a TypeError naming the column and the rule when the contract itself is malformed.
 * const contract = checkContract({ name: 'raw_orders', columns: { order_id: { type: 'BIGINT', unique: true } } });
 * ```
 */
export function checkContract(contract: Contract): Contract {
  const parsed = contractSchema().safeParse(contract);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(contract)'}: ${i.message}`).join('; ');
    throw new TypeError(`contract ${String(contract?.name)} is invalid: ${issues}`);
  }
  for (const [column, rule] of Object.entries(contract.columns)) {
    const where = `contract ${contract.name}: column ${column}`;
    for (const key of ['min', 'max'] as const) {
      const value = rule[key];
      if (value === undefined) continue;
      if (NUMERIC.has(rule.type) && typeof value !== 'number') {
        throw new TypeError(`${where}: ${key} must be a number for a ${rule.type} column`);
      }
      if (TEMPORAL.has(rule.type) && typeof value !== 'string') {
        throw new TypeError(`${where}: ${key} must be YYYY-MM-DD text for a ${rule.type} column`);
      }
      if (!NUMERIC.has(rule.type) && !TEMPORAL.has(rule.type)) {
        throw new TypeError(`${where}: ${key} applies to numeric, DATE and TIMESTAMP columns, not ${rule.type}`);
      }
    }
    if ((rule.greaterThan !== undefined || rule.lessThan !== undefined) && !NUMERIC.has(rule.type)) {
      throw new TypeError(`${where}: greaterThan and lessThan apply to numeric columns, not ${rule.type}`);
    }
    if (rule.pattern !== undefined && rule.type !== 'VARCHAR') {
      throw new TypeError(`${where}: pattern applies to VARCHAR columns, not ${rule.type}`);
    }
  }
  return contract;
}

/** Source types accepted for each contract type besides the type itself (lossless widening). @internal */
export const WIDENING: Readonly<Record<ContractType, readonly string[]>> = {
  BOOLEAN: [],
  TINYINT: [],
  SMALLINT: ['TINYINT', 'UTINYINT'],
  INTEGER: ['TINYINT', 'SMALLINT', 'UTINYINT', 'USMALLINT'],
  BIGINT: ['TINYINT', 'SMALLINT', 'INTEGER', 'UTINYINT', 'USMALLINT', 'UINTEGER'],
  FLOAT: [],
  DOUBLE: ['FLOAT'],
  VARCHAR: [],
  DATE: [],
  TIMESTAMP: ['TIMESTAMP_S', 'TIMESTAMP_MS'],
};
