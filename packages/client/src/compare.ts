/**
 * The path of the first place where two JSON-like values differ (`''` for the root), or `undefined` when they are
 * equal. `undefined` and `null` object fields count as absent, and object key order does not matter.
 *
 * @example
 * ```ts
 * firstDifference({ a: [1, 2] }, { a: [1, 3] }, 'spec'); // 'spec.a[1]'
 * ```
 */
export function firstDifference(a: unknown, b: unknown, path = ''): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return path;
    for (let i = 0; i < a.length; i++) {
      const diff = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (diff !== undefined) return diff;
    }
    return undefined;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...present(a), ...present(b)]);
    for (const key of [...keys].sort()) {
      const diff = firstDifference(a[key] ?? undefined, b[key] ?? undefined, path === '' ? key : `${path}.${key}`);
      if (diff !== undefined) return diff;
    }
    return undefined;
  }
  return path;
}

/** Like {@link firstDifference}, but only the keys `wanted` sets are compared: extra keys in `actual` are fine. */
export function firstMissing(
  wanted: Readonly<Record<string, string>> | undefined,
  actual: Readonly<Record<string, string>> | undefined,
  path: string,
): string | undefined {
  for (const [key, value] of Object.entries(wanted ?? {})) {
    if (actual?.[key] !== value) return `${path}.${key}`;
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function present(record: Record<string, unknown>): string[] {
  return Object.keys(record).filter((k) => record[k] !== undefined && record[k] !== null);
}
