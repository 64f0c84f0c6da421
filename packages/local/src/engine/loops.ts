import type { Sequence } from '@sluice/argo-types';

/** One iteration of a fanned-out task or step. */
export interface LoopItem {
  /** 0-based position. */
  readonly index: number;
  /** The item as Argo renders `{{item}}`: strings as they are, anything else as JSON. */
  readonly text: string;
  /**
   * The item in the node name, as Argo writes it: a map as its sorted `key:value` pairs joined with commas
   * (`name:users,size:10`), anything else as {@link LoopItem.text}.
   */
  readonly label: string;
  /** `{{item}}`, and `{{item.<key>}}` for maps (nested keys joined with dots). */
  readonly scope: ReadonlyMap<string, string>;
}

/** The loop fields of a DAG task or a step, after `{{…}}` substitution. */
export interface LoopSource {
  readonly withItems?: readonly unknown[];
  readonly withParam?: string;
  readonly withSequence?: Sequence;
}

/** Go's `%v` of a JSON value: `map[a:1 b:x]`, `[1 2]`, `<nil>`. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goValue((v as Record<string, unknown>)[k])}`).join(' ')}]`;
  }
  return String(v);
}

/** Argo's node-name label of a loop item (its controller sorts the `key:value` strings of a map item). */
export function itemLabel(value: unknown): string {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value)
      .map(([k, v]) => `${k}:${goValue(v)}`)
      .sort()
      .join(',');
  }
  return render(value);
}

function render(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function itemScope(value: unknown): Map<string, string> {
  const scope = new Map<string, string>([['item', render(value)]]);
  const walk = (prefix: string, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, child] of Object.entries(v)) {
        scope.set(`${prefix}.${k}`, render(child));
        walk(`${prefix}.${k}`, child);
      }
    }
  };
  walk('item', value);
  return scope;
}

/**
 * The items of a loop, or `undefined` when the task or step has none.
 *
 * @param where names the task or step in errors, e.g. `templates.main.tasks.fan`.
 * @throws {Error} when `withParam` is not a JSON list or `withSequence` is malformed.
 */
export function expandLoop(
  source: LoopSource,
  where: string,
  maxItems = Number.POSITIVE_INFINITY,
): LoopItem[] | undefined {
  let values: unknown[];
  if (source.withItems !== undefined) values = [...source.withItems];
  else if (source.withParam !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(source.withParam);
    } catch {
      throw new Error(
        `${where}.withParam: expected a JSON list, got ${JSON.stringify(source.withParam.slice(0, 200))}`,
      );
    }
    if (!Array.isArray(parsed))
      throw new Error(`${where}.withParam: expected a JSON list, got ${render(parsed).slice(0, 200)}`);
    values = parsed;
  } else if (source.withSequence !== undefined)
    values = sequence(source.withSequence, `${where}.withSequence`, maxItems);
  else return undefined;
  if (values.length > maxItems) throw new LoopTooLargeError(where, values.length);
  return values.map((value, index) => ({
    index,
    text: render(value),
    label: itemLabel(value),
    scope: itemScope(value),
  }));
}

function int(value: string | number | undefined, field: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`${field}: "${value}" is not an integer`);
  return n;
}

/** A loop with more items than the run has room for (`--max-nodes`); the executor adds the limit to the message. */
export class LoopTooLargeError extends Error {
  override readonly name = 'LoopTooLargeError';
  constructor(
    readonly where: string,
    readonly items: number,
  ) {
    super(`${where}: ${items} items`);
  }
}

/** Argo's `withSequence`: `count` or `end` (inclusive), `start` (default 0), `format` (printf, e.g. `%02d`). */
function sequence(seq: Sequence, where: string, maxItems: number): string[] {
  if (seq.count !== undefined && seq.end !== undefined)
    throw new Error(`${where}: only one of count or end can be defined`);
  const start = int(seq.start, `${where}.start`, 0);
  let numbers: number[];
  if (seq.count !== undefined) {
    const count = int(seq.count, `${where}.count`, 0);
    if (count < 0) throw new Error(`${where}.count: must not be negative`);
    // Refused before anything is allocated: `count: 100000000` must not fill the memory first.
    if (count > maxItems) throw new LoopTooLargeError(where, count);
    numbers = Array.from({ length: count }, (_, i) => start + i);
  } else {
    const end = int(seq.end, `${where}.end`, 0);
    const step = end >= start ? 1 : -1;
    if (Math.abs(end - start) + 1 > maxItems) throw new LoopTooLargeError(where, Math.abs(end - start) + 1);
    numbers = Array.from({ length: Math.abs(end - start) + 1 }, (_, i) => start + i * step);
  }
  return numbers.map((n) => (seq.format ? printf(seq.format, n) : String(n)));
}

function printf(format: string, n: number): string {
  return format.replace(/%(0?)(\d*)([dsxXo])/g, (_m, zero: string, width: string, verb: string) => {
    let s =
      verb === 'x'
        ? n.toString(16)
        : verb === 'X'
          ? n.toString(16).toUpperCase()
          : verb === 'o'
            ? n.toString(8)
            : String(n);
    const w = Number(width || 0);
    if (s.length < w) s = (zero ? '0' : ' ').repeat(w - s.length) + s;
    return s;
  });
}
