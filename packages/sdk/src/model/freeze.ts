/** Marks the root of a value made by {@link freezeModel}: deeply frozen already, never copied again. */
const FROZEN: unique symbol = Symbol.for('sluice.frozen');

function isModel(value: object): boolean {
  return (value as { [FROZEN]?: true })[FROZEN] === true;
}

/**
 * The last frozen value made for a place, with an object's member names in order (`keys`; `undefined` for an array).
 * A new value equal to it (the same members, each the very same value) is that value: the templates of a pipeline
 * repeat their resources, security contexts, commands and env lists, and share one copy of each instead of keeping
 * thousands. Values are frozen, so sharing them is safe.
 */
interface Last {
  value: object;
  keys: readonly string[] | undefined;
}

/**
 * A place a copied value takes: a member of a copy's root (`container`, `resources`…), then its members and items
 * by name and index, so each value is compared only with the last one made for the same path.
 */
interface Place {
  last: Last | undefined;
  members: Map<string, Place> | undefined;
  items: Place[] | undefined;
}

/** The places of every copy, by the member name given to {@link freezeCopy}. */
const ROOT: Place = { last: undefined, members: undefined, items: undefined };
/**
 * A place keeps at most this many member names and items: what is kept stays small whatever the values (a ConfigMap
 * of thousands of keys, a list of thousands of items); values past it are copied without being compared.
 */
const MAX_PLACES = 64;

function memberPlace(place: Place, key: string): Place | undefined {
  place.members ??= new Map();
  let child = place.members.get(key);
  if (child === undefined) {
    if (place.members.size >= MAX_PLACES) return undefined;
    child = { last: undefined, members: undefined, items: undefined };
    place.members.set(key, child);
  }
  return child;
}

function itemPlace(place: Place, index: number): Place | undefined {
  if (index >= MAX_PLACES) return undefined;
  place.items ??= [];
  let child = place.items[index];
  if (child === undefined) {
    child = { last: undefined, members: undefined, items: undefined };
    place.items[index] = child;
  }
  return child;
}

/** The last objects and arrays of {@link share}, by slot (a list and its items may share a slot name). */
const lastSharedObject = new Map<string, Last>();
const lastSharedArray = new Map<string, readonly unknown[]>();

/** Per depth of the copy: the members of the value being copied, before it is known whether a copy is needed. */
const scratchKeys: string[][] = [];
const scratchValues: unknown[][] = [];
/** The depth of the copy under way (a getter of a copied value may start a copy inside a copy). */
let depthInUse = -1;

/** The scratch list of the current depth, made on first use. */
function scratchOf<T>(lists: T[][]): T[] {
  let list = lists[depthInUse];
  if (list === undefined) {
    list = [];
    lists[depthInUse] = list;
  }
  return list;
}

/**
 * A deep copy of a JSON-compatible value in which every object and array is frozen, so a builder's model can be
 * shared between builders without anyone changing it. `undefined` object members are dropped. Values that came out
 * of {@link freezeModel} are reused as they are, and so is the last copy made for the same place when it is equal
 * to this one (see `Last`).
 *
 * @param member the name of the member the value is copied for: the copy is compared with the last one made for it.
 */
export function freezeCopy<T>(value: T, member?: string): T {
  return copyAt(value, member === undefined ? undefined : memberPlace(ROOT, member)) as T;
}

function copyAt(value: unknown, place: Place | undefined): unknown {
  if (value === null || typeof value !== 'object' || isModel(value)) return value;
  depthInUse++;
  const out = Array.isArray(value) ? arrayCopy(value, place) : objectCopy(value, place);
  depthInUse--;
  return out;
}

function arrayCopy(value: readonly unknown[], place: Place | undefined): object {
  const values = scratchOf(scratchValues);
  const n = value.length;
  for (let i = 0; i < n; i++) values[i] = copyAt(value[i], place === undefined ? undefined : itemPlace(place, i));
  const last = place?.last;
  if (last !== undefined && last.keys === undefined && sameItems(last.value as unknown[], values, n))
    return clear(last.value, values, n);
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i];
  Object.freeze(out);
  if (place !== undefined) remember(place, out, undefined, 0);
  return clear(out, values, n);
}

function objectCopy(value: object, place: Place | undefined): object {
  const values = scratchOf(scratchValues);
  const keys = scratchOf(scratchKeys);
  let n = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    keys[n] = key;
    values[n++] = copyAt(v, place === undefined ? undefined : memberPlace(place, key));
  }
  const last = place?.last;
  if (last !== undefined && sameMembers(last, keys, values, n)) return clear(last.value, values, n);
  const out: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) setMember(out, keys[i] as string, values[i]);
  Object.freeze(out);
  if (place !== undefined) remember(place, out, keys, n);
  return clear(out, values, n);
}

/** Makes `value` (an object whose member names are the first `n` of `keys`, or an array) the last one of `place`. */
function remember(
  place: { last: Last | undefined },
  value: object,
  keys: readonly string[] | undefined,
  n: number,
): void {
  const last = place.last;
  if (last === undefined) place.last = { value, keys: keys?.slice(0, n) };
  else {
    // The same member names as before: the entry takes the new value without a new list of names.
    if (keys === undefined || last.keys === undefined || !sameKeys(last.keys, keys, n)) last.keys = keys?.slice(0, n);
    last.value = value;
  }
}

function sameKeys(a: readonly string[], b: readonly string[], n: number): boolean {
  if (a.length !== n) return false;
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameItems(last: readonly unknown[], values: readonly unknown[], n: number): boolean {
  if (last.length !== n) return false;
  for (let i = 0; i < n; i++) if (last[i] !== values[i]) return false;
  return true;
}

function sameMembers(last: Last, keys: readonly string[], values: readonly unknown[], n: number): boolean {
  if (last.keys === undefined || !sameKeys(last.keys, keys, n)) return false;
  const members = last.value as Record<string, unknown>;
  for (let i = 0; i < n; i++) if (members[keys[i] as string] !== values[i]) return false;
  return true;
}

/**
 * Sets an own member, `__proto__` included: JSON and YAML may hold a member of that name, and assigning it would set
 * the object's prototype instead.
 */
function setMember(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/** Drops the scratch references (so the scratch keeps nothing alive) and returns `result`. */
function clear<R>(result: R, values: unknown[], n: number): R {
  for (let i = 0; i < n; i++) values[i] = undefined;
  return result;
}

/**
 * `candidate`, finished by `finish` (freezing it by default), or the value last shared under `slot` when that has
 * the same members, each the very same value, in the same order. For objects a builder has just made of frozen or
 * shared parts (a template's input list, its names, its inputs): identical declarations then share one object.
 * `slot` names what the value is (`inputs.parameters`), so unrelated values never meet.
 */
export function share<T extends object>(slot: string, candidate: T, finish: (value: T) => T = Object.freeze): T {
  if (Array.isArray(candidate)) {
    const last = lastSharedArray.get(slot);
    if (last !== undefined && sameItems(last, candidate, candidate.length)) return last as T;
    const done = finish(candidate);
    lastSharedArray.set(slot, done as unknown as readonly unknown[]);
    return done;
  }
  const keys = shareKeys;
  const values = shareValues;
  let n = 0;
  for (const key in candidate) {
    if (!Object.hasOwn(candidate, key)) continue;
    keys[n] = key;
    values[n++] = (candidate as Record<string, unknown>)[key];
  }
  const last = lastSharedObject.get(slot);
  if (last !== undefined && sameMembers(last, keys, values, n)) return clear(last.value as T, values, n);
  const done = finish(candidate);
  if (last === undefined) lastSharedObject.set(slot, { value: done, keys: keys.slice(0, n) });
  else remember({ last }, done, keys, n);
  return clear(done, values, n);
}

/** The scratch of {@link share}: it never runs inside itself or inside a copy. */
const shareKeys: string[] = [];
const shareValues: unknown[] = [];

/** {@link freezeCopy}, marking the result (invisibly) as deeply frozen so it is never copied again. */
export function freezeModel<T>(value: T): T {
  if (value === null || typeof value !== 'object' || isModel(value)) return value;
  let out: T;
  if (Array.isArray(value)) out = value.map((v) => freezeCopy(v)) as T;
  else {
    const o: Record<string, unknown> = {};
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) setMember(o, key, freezeCopy(v, key));
    }
    out = o as T;
  }
  Object.defineProperty(out, FROZEN, { value: true });
  return Object.freeze(out);
}

/**
 * Freezes and marks `value` as a model without copying it. Only for objects the caller just made whose members are
 * all primitives or deeply frozen already.
 */
export function sealModel<T extends object>(value: T): T {
  Object.defineProperty(value, FROZEN, { value: true });
  return Object.freeze(value);
}

/**
 * A mutable copy of an array that may be frozen. `Array.prototype.slice` takes a slow path for frozen arrays in V8
 * (some 80 times slower than for a plain one, measured on Node 20), and every array of a model is frozen.
 */
export function copyArray<T>(list: readonly T[]): T[] {
  return Array.from(list);
}
