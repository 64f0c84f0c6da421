/** A parsed JSON object. */
export type Json = Record<string, unknown>;

/** True for a plain object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or an empty one. */
export function obj(value: unknown): Json {
  return isObject(value) ? value : {};
}

/** The value as a list of objects, skipping anything else; an empty list when it is not an array. */
export function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** The value as an array, or an empty one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value as a string, or `''` (Go's zero value, which is what Argo's checks see for a missing string). */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** True when the field is present (not undefined or null), like a non-nil pointer in Go. */
export function has(value: Json, key: string): boolean {
  return value[key] !== undefined && value[key] !== null;
}

/** Go's `%q` for a string (close enough for names: a JSON string). */
export function quote(value: string): string {
  return JSON.stringify(value);
}
