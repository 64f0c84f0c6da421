import type { z } from 'zod';

/** The zod definition fields read here (zod 4 exposes them on `schema.def`). */
interface SchemaDefinition {
  readonly type?: string;
  readonly coerce?: boolean;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
}

const PRIMITIVES = new Set(['string', 'number', 'boolean', 'bigint']);
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/**
 * The type a binding carries, in words (`string`, `number`, `boolean`, `number[]`), or `undefined` when the schema is
 * not one the build-time check compares (enums, objects, unions, coercing schemas): those are left to `tsc` and to the
 * stage's own parsing.
 */
export function describeSchemaType(schema: z.ZodType): string | undefined {
  let def = (schema as unknown as { def?: SchemaDefinition }).def;
  while (def?.type !== undefined && WRAPPERS.has(def.type) && def.innerType !== undefined)
    def = (def.innerType as unknown as { def?: SchemaDefinition }).def;
  if (def?.type === undefined || def.coerce === true) return undefined;
  if (PRIMITIVES.has(def.type)) return def.type;
  if (def.type === 'array' && def.element !== undefined) {
    const element = describeSchemaType(def.element);
    return element === undefined ? undefined : `${element}[]`;
  }
  return undefined;
}

/** The type of a literal bound in a binding function, in the words of {@link describeSchemaType}. */
export function describeValueType(value: unknown): string | undefined {
  const type = typeof value;
  if (PRIMITIVES.has(type)) return type;
  if (Array.isArray(value) && value.length > 0) {
    const element = describeValueType(value[0]);
    return element !== undefined && value.every((v) => describeValueType(v) === element) ? `${element}[]` : undefined;
  }
  return undefined;
}

/**
 * The sentence that rejects a binding of the wrong type; the type-level check (`CheckWired`) and the build-time check
 * give the same one.
 */
export function wrongTypeMessage(stage: string, parameter: string, expected: string, actual: string): string {
  return `stage "${stage}": parameter ${parameter} takes a ${expected} but is bound to a ${actual}; bind an upstream output or a value of type ${expected}`;
}
