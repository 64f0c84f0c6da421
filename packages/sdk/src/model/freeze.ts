const frozen = new WeakSet<object>();

/**
 * A deep copy of a JSON-compatible value in which every object and array is frozen, so a builder's model can be
 * shared between builders without anyone changing it. `undefined` object members are dropped. Values that came out
 * of {@link freezeModel} are reused as they are.
 */
export function freezeCopy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (frozen.has(value)) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(freezeCopy)) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = freezeCopy(v);
  }
  return Object.freeze(out) as T;
}

/** {@link freezeCopy}, remembering the result as deeply frozen so it is never copied again. */
export function freezeModel<T>(value: T): T {
  const out = freezeCopy(value);
  if (out !== null && typeof out === 'object') frozen.add(out);
  return out;
}
