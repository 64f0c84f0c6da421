import { z } from 'zod';
import { type ColumnRule, type Contract, type ContractType, checkContract } from './contract.js';

type JsonSchemaProperty = {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  anyOf?: JsonSchemaProperty[];
};

const WRAPPERS: ReadonlySet<string> = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly']);
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** The zod type under optional/nullable/default wrappers, and whether any wrapper admits a missing value. */
function unwrap(schema: z.ZodType): { type: string; nullable: boolean } {
  let current: z.core.$ZodType = schema;
  let nullable = false;
  while (WRAPPERS.has(current._zod.def.type)) {
    const def = current._zod.def as unknown as { type: string; innerType: z.core.$ZodType };
    if (def.type === 'optional' || def.type === 'nullable') nullable = true;
    current = def.innerType;
  }
  return { type: current._zod.def.type, nullable };
}

/** Turns a zod regex (a search, like `RegExp.test`) into a whole-value pattern. */
function wholeValuePattern(source: string): string {
  if (source.startsWith('^') && source.endsWith('$') && !source.endsWith('\\$')) return source.slice(1, -1);
  return `.*(?:${source}).*`;
}

function ruleFor(key: string, zodType: string, nullable: boolean, property: JsonSchemaProperty): ColumnRule {
  // A nullable schema with checks comes out as anyOf [the checks, { type: 'null' }].
  const members = property.anyOf ?? [property];
  const p = members.find((m) => m.type !== 'null') ?? {};
  if (members.some((m) => m.type === 'null')) nullable = true;
  const types = Array.isArray(p.type) ? p.type : p.type === undefined ? [] : [p.type];
  const base = { nullable: nullable || types.includes('null') };
  const main = types.find((t) => t !== 'null');
  const bounds = (integer: boolean) => ({
    ...(p.minimum !== undefined && p.minimum > -MAX_SAFE ? { min: p.minimum } : {}),
    ...(p.maximum !== undefined && p.maximum < MAX_SAFE ? { max: p.maximum } : {}),
    ...(p.exclusiveMinimum !== undefined
      ? integer
        ? { min: p.exclusiveMinimum + 1 }
        : { greaterThan: p.exclusiveMinimum }
      : {}),
    ...(p.exclusiveMaximum !== undefined
      ? integer
        ? { max: p.exclusiveMaximum - 1 }
        : { lessThan: p.exclusiveMaximum }
      : {}),
  });
  if (zodType === 'bigint') return { type: 'BIGINT', ...base };
  if (zodType === 'date') return { type: 'TIMESTAMP', ...base };
  if (main === 'boolean') return { type: 'BOOLEAN', ...base };
  if (main === 'integer') return { type: 'BIGINT', ...base, ...bounds(true) };
  if (main === 'number') return { type: 'DOUBLE', ...base, ...bounds(false) };
  if (main === 'string') {
    if (p.format === 'date') return { type: 'DATE', ...base };
    if (p.format === 'date-time') return { type: 'TIMESTAMP', ...base };
    const oneOf = p.enum ?? (p.const === undefined ? undefined : [p.const]);
    const rule: { type: ContractType; oneOf?: string[]; pattern?: string } = { type: 'VARCHAR' };
    if (oneOf !== undefined) rule.oneOf = oneOf.map(String);
    if (p.pattern !== undefined && p.format === undefined) rule.pattern = wholeValuePattern(p.pattern);
    return { ...rule, ...base };
  }
  throw new TypeError(
    `contract field ${key}: zod type ${zodType} has no column type; use a number, int, bigint, boolean, string, ` +
      'enum, literal, iso.date, iso.datetime or date schema',
  );
}

/**
 * Derives a {@link Contract} from a zod object schema, so one schema serves both the stage's types and the raw
 * validation gate: `z.int()` and `z.bigint()` → BIGINT, `z.number()` → DOUBLE, `z.string()` → VARCHAR,
 * `z.enum()`/`z.literal()` → VARCHAR with `oneOf`, `z.iso.date()` → DATE, `z.iso.datetime()`/`z.date()` →
 * TIMESTAMP, `z.boolean()` → BOOLEAN; `.min()/.max()/.gt()/.lt()/.regex()` become rules and
 * `.nullable()/.optional()` allow nulls.
 * @example
 * ```ts
 * import { contractFromZod } from '@sluice/data';
 * import { z } from 'zod';
 *
 * const Order = z.object({ order_id: z.int(), amount: z.number().nonnegative(), currency: z.enum(['EUR', 'USD']) });
 * const contract = contractFromZod('raw_orders', Order);
 * ```
 */
export function contractFromZod(
  name: string,
  schema: z.ZodObject,
  options: Pick<Contract, 'extraColumns'> = {},
): Contract {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as {
    properties?: Record<string, JsonSchemaProperty>;
    required?: string[];
  };
  const required = new Set(json.required ?? []);
  const columns: Record<string, ColumnRule> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const { type, nullable } = unwrap(field as z.ZodType);
    columns[key] = ruleFor(key, type, nullable || !required.has(key), json.properties?.[key] ?? {});
  }
  return checkContract({ name, columns, ...options });
}
