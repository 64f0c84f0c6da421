import { isBindingName } from './js-syntax.js';

/** `print-message` → `printMessage`, `A` → `a`; digits first get a prefix. Empty for a name with no letter or digit. */
export function camelCase(name: string, prefix = 'x'): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  if (words.length === 0) return '';
  const joined = words
    .map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('');
  return /^[0-9]/.test(joined) ? `${prefix}${joined.charAt(0).toUpperCase()}${joined.slice(1)}` : joined;
}

/** Hands out variable names, each once: the wanted name, or it with a suffix when taken or reserved. */
export class NameScope {
  readonly #taken: Set<string>;

  /** @param taken names already in use (e.g. the imported functions). */
  constructor(taken: Iterable<string> = []) {
    this.#taken = new Set(taken);
  }

  /** A scope that starts with this one's names and takes its own from there (this one is not changed). */
  child(): NameScope {
    return new NameScope(this.#taken);
  }

  /** Marks `name` as used. */
  reserve(name: string): void {
    this.#taken.add(name);
  }

  /** A free variable name for `wanted` (a name as Argo spells it), with `suffix` added when the plain one is taken. */
  take(wanted: string, suffix: string, fallback: string): string {
    const base = camelCase(wanted) || fallback;
    let name = base;
    if (!isBindingName(name) || this.#taken.has(name)) name = `${base}${suffix}`;
    for (let i = 2; !isBindingName(name) || this.#taken.has(name); i++) name = `${base}${suffix}${i}`;
    this.#taken.add(name);
    return name;
  }
}
