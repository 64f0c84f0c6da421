/** A JSON Patch (RFC 6902) operation, as Kustomize's `patches` accept. */
export type JsonPatchOperation =
  | { readonly op: 'replace' | 'add'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string };

function pointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The JSON Patch turning `from` into `to`: objects are compared key by key, arrays of equal length element by
 * element, anything else is replaced whole. Applying the result to `from` yields a value deep-equal to `to`.
 */
export function diffJson(from: unknown, to: unknown, path = ''): JsonPatchOperation[] {
  if (isRecord(from) && isRecord(to)) {
    const ops: JsonPatchOperation[] = [];
    for (const key of Object.keys(from))
      if (!(key in to) || to[key] === undefined) {
        if (from[key] !== undefined) ops.push({ op: 'remove', path: `${path}/${pointer(key)}` });
      }
    for (const [key, value] of Object.entries(to)) {
      if (value === undefined) continue;
      if (!(key in from) || from[key] === undefined) ops.push({ op: 'add', path: `${path}/${pointer(key)}`, value });
      else ops.push(...diffJson(from[key], value, `${path}/${pointer(key)}`));
    }
    return ops;
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length)
    return from.flatMap((item, i) => diffJson(item, to[i], `${path}/${i}`));
  if (JSON.stringify(from) === JSON.stringify(to)) return [];
  return [{ op: 'replace', path, value: to }];
}

/** Applies a JSON Patch produced by {@link diffJson} to a deep copy of `value`. */
export function applyJsonPatch(value: unknown, ops: readonly JsonPatchOperation[]): unknown {
  const root = { doc: structuredClone(value) };
  for (const op of ops) {
    const segments =
      op.path === ''
        ? []
        : op.path
            .slice(1)
            .split('/')
            .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    let parent: Record<string, unknown> | unknown[] = root;
    let key: string = 'doc';
    for (const segment of segments) {
      parent = (parent as Record<string, unknown>)[key] as Record<string, unknown>;
      key = segment;
    }
    const target = parent as Record<string, unknown>;
    if (op.op === 'remove') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete target[key];
    } else target[key] = structuredClone(op.value);
  }
  return root.doc;
}
