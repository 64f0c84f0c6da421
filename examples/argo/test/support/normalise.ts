/**
 * The only differences the golden comparison forgives, each one a spelling Argo reads the same way. Both sides go
 * through the same function, so a normalisation can never hide a difference in what Argo would run.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Annotations holding upstream prose. The repository must not copy upstream prose, and these only feed the Argo UI
 * (they change nothing about what runs), so they are dropped from both sides.
 */
export const PROSE_ANNOTATIONS = ['workflows.argoproj.io/description', 'workflows.argoproj.io/title'];

/**
 * Keys whose value Argo reads as a string whatever its YAML type: a parameter's `value` and `default` (Argo's
 * `AnyString`, which unmarshals numbers and booleans to their text). The builders write every argument as a string
 * (`shard: 3` → `value: '3'`), as `argo` itself re-serialises them.
 */
const ANY_STRING_KEYS = new Set(['value', 'default']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function byName(a: unknown, b: unknown): number {
  const na = isRecord(a) && typeof a.name === 'string' ? a.name : '';
  const nb = isRecord(b) && typeof b.name === 'string' ? b.name : '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

function walk(value: unknown, key: string, parentKey: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => walk(v, '', key));
    // `spec.templates` (and a CronWorkflow's `spec.workflowSpec.templates`): Argo finds a template by its name, so
    // the order of the list means nothing; the builders list the entrypoint first, then what it runs.
    return key === 'templates' ? items.sort(byName) : items;
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      if (k === 'annotations' && key === 'metadata' && isRecord(value[k])) {
        const kept = Object.fromEntries(Object.entries(value[k]).filter(([a]) => !PROSE_ANNOTATIONS.includes(a)));
        if (Object.keys(kept).length > 0) out[k] = kept;
        continue;
      }
      // defineProperty, so that a key such as `__proto__` is kept as data.
      Object.defineProperty(out, k, {
        value: walk(value[k], k, key),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    if (parentKey === 'parameters') {
      for (const k of ANY_STRING_KEYS) {
        const v = out[k];
        if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
      }
    }
    return out;
  }
  return value;
}

/** `doc` with the normalisations above applied (a new value; `doc` is not changed). */
export function normalise(doc: unknown): Json {
  return walk(doc, '', '') as Json;
}
