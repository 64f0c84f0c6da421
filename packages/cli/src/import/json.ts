/** A parsed YAML or JSON mapping. */
export type Json = Record<string, unknown>;

/** True for a mapping (not null, not a list). */
export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
