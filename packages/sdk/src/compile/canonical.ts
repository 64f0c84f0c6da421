import { orderedKeys } from '../model/key-order.js';

/**
 * A plain, mutable deep copy of a model value with every mapping's keys in the documented order
 * (`model/key-order.ts`) and `undefined` members dropped: what `toObject()` returns and `toJson()` prints.
 */
export function canonicalCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : canonicalCopy(v))) as T;
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key of orderedKeys(source)) {
    const v = source[key];
    if (v !== undefined) out[key] = canonicalCopy(v);
  }
  return out as T;
}

/** The canonical JSON text of a value (documented key order, no spaces): equal texts mean equal values. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalCopy(value));
}
