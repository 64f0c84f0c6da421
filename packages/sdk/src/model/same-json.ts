/**
 * Whether two JSON-compatible values are equal: the same scalars, arrays of equal items, and objects with equal
 * members in the same order (`undefined` members are absent members, as in a frozen copy). Allocates nothing for
 * objects of at most one member: it runs on every template a builder makes.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const count = memberCount(x);
  if (count !== memberCount(y)) return false;
  if (count <= 1) {
    for (const key in x) if (Object.hasOwn(x, key) && x[key] !== undefined) return sameJson(x[key], y[key]);
    return true;
  }
  const xKeys = definedKeys(x);
  const yKeys = definedKeys(y);
  for (let i = 0; i < xKeys.length; i++) {
    const key = xKeys[i] as string;
    if (key !== yKeys[i] || !sameJson(x[key], y[key])) return false;
  }
  return true;
}

function memberCount(o: Record<string, unknown>): number {
  let n = 0;
  for (const key in o) if (Object.hasOwn(o, key) && o[key] !== undefined) n++;
  return n;
}

function definedKeys(o: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const key in o) if (Object.hasOwn(o, key) && o[key] !== undefined) keys.push(key);
  return keys;
}
