/**
 * The key order of every mapping Sluice writes: first the keys of {@link LEADING_KEYS} in that order, then any other
 * key in code-unit (alphabetical) order, then the keys of {@link TRAILING_KEYS} in that order. The same order holds at
 * every depth, so `name` comes first in list items and a template's body (`container`, `dag`, …) comes last.
 * @example
 * ```ts
 * import { LEADING_KEYS } from '@sluice/sdk';
 *
 * LEADING_KEYS.slice(0, 4); // [ 'apiVersion', 'kind', 'metadata', 'spec' ]: the keys written first, in this order
 * ```
 */
export const LEADING_KEYS: readonly string[] = Object.freeze([
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'name',
  'generateName',
  'namespace',
  'labels',
  'annotations',
  'schedule',
  'schedules',
  'timezone',
  'entrypoint',
  'template',
  'templateRef',
  'inline',
  'arguments',
  'inputs',
  'outputs',
  'image',
  'command',
  'args',
  'source',
  'value',
  'default',
  'enum',
  'valueFrom',
  'from',
  'path',
  'depends',
  'dependencies',
  'when',
]);

/**
 * Keys written last, in this order: the bulky bodies of templates and specs.
 * @example
 * ```ts
 * import { TRAILING_KEYS } from '@sluice/sdk';
 *
 * console.log(`written last: ${TRAILING_KEYS.join(', ')}`);
 * ```
 */
export const TRAILING_KEYS: readonly string[] = Object.freeze([
  'container',
  'script',
  'resource',
  'suspend',
  'http',
  'containerSet',
  'data',
  'plugin',
  'dag',
  'steps',
  'templates',
  'workflowSpec',
]);

const MIDDLE = LEADING_KEYS.length;
const rank = new Map<string, number>();
for (const [i, k] of LEADING_KEYS.entries()) rank.set(k, i);
for (const [i, k] of TRAILING_KEYS.entries()) rank.set(k, MIDDLE + 1 + i);

/**
 * Compares two mapping keys in the documented order (see {@link LEADING_KEYS}).
 * @example
 * ```ts
 * import { compareKeys } from '@sluice/sdk';
 *
 * ['spec', 'kind', 'metadata', 'apiVersion'].sort(compareKeys); // [ 'apiVersion', 'kind', 'metadata', 'spec' ]
 * ```
 */
export function compareKeys(a: string, b: string): number {
  const ra = rank.get(a) ?? MIDDLE;
  const rb = rank.get(b) ?? MIDDLE;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The keys of a plain object, in the documented order. */
export function orderedKeys(value: Readonly<Record<string, unknown>>): string[] {
  const keys = Object.keys(value);
  const n = keys.length;
  if (n < 2) return keys;
  // Insertion sort: objects are small and often nearly ordered already.
  for (let i = 1; i < n; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && compareKeys(keys[j] as string, k) > 0) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/**
 * Fills `into` with the keys of `value` in the documented order and returns how many there are: the allocation-free
 * form of {@link orderedKeys} for the emitter, which reuses one array per depth.
 */
export function orderKeysInto(value: Readonly<Record<string, unknown>>, into: string[]): number {
  let n = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    let j = n - 1;
    while (j >= 0 && compareKeys(into[j] as string, key) > 0) {
      into[j + 1] = into[j] as string;
      j--;
    }
    into[j + 1] = key;
    n++;
  }
  return n;
}
