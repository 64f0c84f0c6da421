/** One field that differs between what is wanted and what the server has. */
export interface FieldChange {
  /** Where, e.g. `spec.templates[2].container.image`. */
  readonly path: string;
  /** The server's value; `undefined` when the field is new. */
  readonly before: unknown;
  /** The wanted value; `undefined` when the field goes away. */
  readonly after: unknown;
}

/**
 * Every field where `before` (the server's object) and `after` (the compiled one) differ, leaf by leaf: objects are
 * compared key by key, arrays of the same length element by element (an array whose length changed is one change).
 * `null` and `undefined` fields count as absent, and key order does not matter.
 *
 * @example
 * ```ts
 * fieldChanges({ spec: { a: 1 } }, { spec: { a: 2 } }); // [{ path: 'spec.a', before: 1, after: 2 }]
 * ```
 */
export function fieldChanges(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (Object.is(before ?? undefined, after ?? undefined)) return [];
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((item, i) => fieldChanges(item, after[i], `${path}[${i}]`));
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => fieldChanges(before[key], after[key], path === '' ? key : `${path}.${key}`));
  }
  return [{ path, before: before ?? undefined, after: after ?? undefined }];
}

/** The parts of a template or cron that deploying manages: its labels, annotations and spec. */
export function managedPart(object: Record<string, unknown>): Record<string, unknown> {
  const metadata = (object.metadata ?? {}) as { labels?: unknown; annotations?: unknown };
  return { metadata: { labels: metadata.labels, annotations: metadata.annotations }, spec: object.spec };
}

/** Renders changes as `  ~ path: before → after` lines (`+` new field, `-` removed field), one per change. */
export function formatChanges(changes: readonly FieldChange[], indent = '  '): string {
  return changes
    .map(({ path, before, after }) => {
      if (before === undefined) return `${indent}+ ${path}: ${show(after)}`;
      if (after === undefined) return `${indent}- ${path}: ${show(before)}`;
      return `${indent}~ ${path}: ${show(before)} → ${show(after)}`;
    })
    .map((line) => `${line}\n`)
    .join('');
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
