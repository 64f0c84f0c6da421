import type { z } from 'zod';
import type { ObjectSchema } from './define-stage.js';
import { FatalError } from './errors.js';
import { EXECUTION_DATE_PARAM, toCamelCase, toKebabCase } from './names.js';

/** `--param name=value` pairs as given on the command line, in kebab-case. */
export type RawParams = ReadonlyMap<string, string>;

/**
 * Parses `--param NAME=VALUE` (or `--param=NAME=VALUE`) arguments. The value is everything after the first `=`.
 * Anything else on the command line, a missing `=` or a repeated name is a {@link FatalError}.
 */
export function parseParamArgs(argv: readonly string[]): RawParams {
  const params = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    let pair: string | undefined;
    if (arg === '--param') {
      pair = argv[++i];
      if (pair === undefined)
        throw new FatalError('--param at the end of the command line: expected --param NAME=VALUE');
    } else if (arg.startsWith('--param=')) {
      pair = arg.slice('--param='.length);
    } else {
      throw new FatalError(`unexpected argument "${arg}": a stage takes only --param NAME=VALUE arguments`);
    }
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new FatalError(`--param "${pair}" is malformed: expected NAME=VALUE, e.g. raw-path=/data/raw`);
    const name = pair.slice(0, eq);
    if (params.has(name)) throw new FatalError(`--param ${name} is given twice: give each parameter once`);
    params.set(name, pair.slice(eq + 1));
  }
  return params;
}

/** The parts of a zod def that coercion looks at. */
interface SchemaDef {
  type: string;
  innerType?: z.ZodType;
  values?: readonly unknown[];
  element?: z.ZodType;
  items?: readonly z.ZodType[];
  rest?: z.ZodType | null;
  shape?: Readonly<Record<string, z.ZodType>>;
  valueType?: z.ZodType;
}

/** The zod def of a schema, looking through optional/default/nullable/catch wrappers. */
function baseType(schema: z.ZodType): SchemaDef {
  let def = schema._zod.def as SchemaDef;
  while (def.innerType && ['optional', 'default', 'prefault', 'nullable', 'catch', 'readonly'].includes(def.type))
    def = def.innerType._zod.def as typeof def;
  return def;
}

/** Turns a command-line string into what the schema asks for: a number, a boolean, or JSON for objects/arrays. */
export function coerceParam(schema: z.ZodType, value: string): unknown {
  const { type, values } = baseType(schema);
  const looksNumeric = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(value.trim());
  switch (type) {
    case 'number':
      return looksNumeric ? Number(value) : value;
    case 'bigint':
      return /^[-+]?\d+$/.test(value.trim()) ? BigInt(value.trim()) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'literal':
      if (values?.every((v) => typeof v === 'number') && looksNumeric) return Number(value);
      if (values?.every((v) => typeof v === 'boolean'))
        return value === 'true' ? true : value === 'false' ? false : value;
      return value;
    case 'object':
    case 'array':
    case 'record':
    case 'tuple':
      try {
        return coerceParsed(schema, JSON.parse(value) as unknown);
      } catch {
        return value;
      }
    default:
      return value;
  }
}

/**
 * Coerces the strings inside parsed JSON the way a whole parameter is coerced. Argo aggregates the outputs of a
 * fanned-out task as a JSON list of strings (`["10","11"]`), so a `z.array(z.number())` parameter bound to them
 * must read numbers out of it, as a single `--param rows=10` would.
 */
function coerceParsed(schema: z.ZodType, value: unknown): unknown {
  const def = baseType(schema);
  if (typeof value === 'string')
    return ['number', 'bigint', 'boolean', 'literal'].includes(def.type) ? coerceParam(schema, value) : value;
  if (Array.isArray(value)) {
    if (def.type === 'array' && def.element) {
      const element = def.element;
      return value.map((v) => coerceParsed(element, v));
    }
    if (def.type === 'tuple' && def.items) {
      const items = def.items;
      const rest = def.rest ?? undefined;
      return value.map((v, i) => {
        const item = items[i] ?? rest;
        return item ? coerceParsed(item, v) : v;
      });
    }
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (def.type === 'object' && def.shape) {
      const shape = def.shape;
      return Object.fromEntries(entries.map(([k, v]) => [k, shape[k] ? coerceParsed(shape[k], v) : v]));
    }
    if (def.type === 'record' && def.valueType) {
      const valueType = def.valueType;
      return Object.fromEntries(entries.map(([k, v]) => [k, coerceParsed(valueType, v)]));
    }
  }
  return value;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks `execution-date`: a real calendar date written `YYYY-MM-DD`. */
export function parseExecutionDate(value: string | undefined): string {
  if (value === undefined)
    throw new FatalError(`--param ${EXECUTION_DATE_PARAM} is missing: every stage needs it, e.g. 2026-06-17`);
  const match = isoDate.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value)
    throw new FatalError(`--param ${EXECUTION_DATE_PARAM}="${value}" is invalid: expected a date YYYY-MM-DD`);
  return value;
}

/**
 * Maps kebab-case command-line parameters to the schema's camelCase keys, coerces and validates them.
 * Unknown names and schema failures are a {@link FatalError} naming the `--param` and what would be valid.
 */
export function parseStageParams<P extends ObjectSchema>(
  stageName: string,
  schema: P | undefined,
  raw: RawParams,
): { params: z.output<P>; executionDate: string } {
  const shape = (schema?.shape ?? {}) as Readonly<Record<string, z.ZodType>>;
  const input: Record<string, unknown> = {};
  for (const [name, value] of raw) {
    if (name === EXECUTION_DATE_PARAM) continue;
    const key = toCamelCase(name);
    const field = shape[key];
    if (!field || toKebabCase(key) !== name) {
      const valid = [EXECUTION_DATE_PARAM, ...Object.keys(shape).map(toKebabCase)].join(', ');
      throw new FatalError(`stage ${stageName}: unknown --param ${name}: valid parameters are ${valid}`);
    }
    input[key] = coerceParam(field, value);
  }
  const executionDate = parseExecutionDate(raw.get(EXECUTION_DATE_PARAM));
  // A stage without a params schema takes no --param but execution-date (checked above): nothing to parse.
  if (schema === undefined) return { params: {} as z.output<P>, executionDate };
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const [first, ...rest] = issue.path.map(String);
      const where =
        first === undefined ? 'params' : `--param ${toKebabCase(first)}${rest.map((p) => `.${p}`).join('')}`;
      return `${where}: ${issue.message}`;
    });
    throw new FatalError(`stage ${stageName}: invalid parameters: ${problems.join('; ')}`);
  }
  return { params: result.data, executionDate };
}
