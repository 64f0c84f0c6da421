import { createHash } from 'node:crypto';
import { ExpressionError } from './parse.js';

type Value = unknown;

/** A function callable from an expression: gets the expression text (for errors) and its arguments. */
export type ExpressionFunction = (expression: string, args: Value[]) => Value;

function str(v: Value): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function int(expression: string, name: string, v: Value): number {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string' && /^\s*[-+]?\d+(\.\d*)?\s*$/.test(v)) return Math.trunc(Number(v));
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null || v === undefined || v === '') return 0;
  throw new ExpressionError(expression, `sprig.${name}(): "${str(v)}" is not a number`);
}

function float(v: Value): number {
  const n = typeof v === 'number' ? v : Number(str(v));
  return Number.isNaN(n) ? 0 : n;
}

function list(expression: string, name: string, v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string' && v.trimStart().startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed)) return parsed;
    } catch {
      // not a list
    }
  }
  throw new ExpressionError(expression, `sprig.${name}(): expected a list, got ${JSON.stringify(v)}`);
}

function dict(expression: string, name: string, v: Value): Record<string, unknown> {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  if (typeof v === 'string' && v.trimStart().startsWith('{')) {
    try {
      return JSON.parse(v) as Record<string, unknown>;
    } catch {
      // not a map
    }
  }
  throw new ExpressionError(expression, `sprig.${name}(): expected a map, got ${JSON.stringify(v)}`);
}

/** Go's notion of an empty value, as sprig's `empty` and `default` use it. */
function isEmpty(v: Value): boolean {
  if (v === null || v === undefined || v === '' || v === false || v === 0) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

function trunc(n: number, s: string): string {
  if (n < 0 && s.length + n > 0) return s.slice(s.length + n);
  if (n >= 0 && s.length > n) return s.slice(0, n);
  return s;
}

function trimSet(s: string, cutset: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && cutset.includes(s.charAt(start))) start++;
  while (end > start && cutset.includes(s.charAt(end - 1))) end--;
  return s.slice(start, end);
}

/**
 * The sprig functions Argo exposes as `sprig.<name>(…)` in `{{= … }}` expressions, with sprig's argument order
 * (the string last: `sprig.trunc(10, s)`, `sprig.replace(old, new, s)`). Only deterministic ones: nothing that
 * reads the clock, randomness or the environment.
 */
export const sprigFunctions: Readonly<Record<string, ExpressionFunction>> = {
  // strings
  trunc: (e, [n, s]) => trunc(int(e, 'trunc', n), str(s)),
  upper: (_e, [s]) => str(s).toUpperCase(),
  lower: (_e, [s]) => str(s).toLowerCase(),
  title: (_e, [s]) => str(s).replace(/(^|\s)(\S)/g, (_m, a: string, b: string) => a + b.toUpperCase()),
  trim: (_e, [s]) => str(s).trim(),
  trimAll: (_e, [cut, s]) => trimSet(str(s), str(cut)),
  trimPrefix: (_e, [p, s]) => (str(s).startsWith(str(p)) ? str(s).slice(str(p).length) : str(s)),
  trimSuffix: (_e, [p, s]) =>
    str(p) !== '' && str(s).endsWith(str(p)) ? str(s).slice(0, str(s).length - str(p).length) : str(s),
  replace: (_e, [from, to, s]) => str(s).split(str(from)).join(str(to)),
  contains: (_e, [sub, s]) => str(s).includes(str(sub)),
  hasPrefix: (_e, [p, s]) => str(s).startsWith(str(p)),
  hasSuffix: (_e, [p, s]) => str(s).endsWith(str(p)),
  repeat: (e, [n, s]) => str(s).repeat(Math.max(0, int(e, 'repeat', n))),
  substr: (e, [start, end, s]) => {
    const text = str(s);
    const a = int(e, 'substr', start);
    const b = int(e, 'substr', end);
    if (a < 0) return text.slice(0, b);
    if (b < 0 || b > text.length) return text.slice(a);
    return text.slice(a, b);
  },
  nospace: (_e, [s]) => str(s).replace(/\s+/g, ''),
  quote: (_e, args) => args.map((a) => JSON.stringify(str(a))).join(' '),
  squote: (_e, args) => args.map((a) => `'${str(a)}'`).join(' '),
  cat: (_e, args) =>
    args
      .filter((a) => a !== null && a !== undefined)
      .map(str)
      .join(' '),
  indent: (e, [n, s]) => {
    const pad = ' '.repeat(Math.max(0, int(e, 'indent', n)));
    return pad + str(s).replaceAll('\n', `\n${pad}`);
  },
  split: (_e, [sep, s]) =>
    Object.fromEntries(
      str(s)
        .split(str(sep))
        .map((p, i) => [`_${i}`, p]),
    ),
  splitList: (_e, [sep, s]) => str(s).split(str(sep)),
  join: (e, [sep, l]) => list(e, 'join', l).map(str).join(str(sep)),
  b64enc: (_e, [s]) => Buffer.from(str(s), 'utf8').toString('base64'),
  b64dec: (_e, [s]) => Buffer.from(str(s), 'base64').toString('utf8'),
  sha256sum: (_e, [s]) => createHash('sha256').update(str(s)).digest('hex'),
  // defaults and conversions
  default: (_e, [d, given]) => (isEmpty(given) ? d : given),
  empty: (_e, [v]) => isEmpty(v),
  coalesce: (_e, args) => args.find((a) => !isEmpty(a)) ?? null,
  ternary: (_e, [a, b, cond]) => (cond === true || cond === 'true' ? a : b),
  toString: (_e: string, args: Value[]) => str(args[0]),
  toStrings: (e, [l]) => list(e, 'toStrings', l).map(str),
  atoi: (_e, [v]) => (/^\s*[-+]?\d+\s*$/.test(str(v)) ? Number.parseInt(str(v), 10) : 0),
  int: (e, [v]) => int(e, 'int', v),
  int64: (e, [v]) => int(e, 'int64', v),
  float64: (_e, [v]) => float(v),
  toJson: (_e, [v]) => JSON.stringify(v ?? null),
  toPrettyJson: (_e, [v]) => JSON.stringify(v ?? null, null, 2),
  fromJson: (_e, [v]) => {
    try {
      return JSON.parse(str(v)) as Value;
    } catch {
      return null;
    }
  },
  // arithmetic
  add: (e, args) => args.reduce<number>((sum, a) => sum + int(e, 'add', a), 0),
  add1: (e, [v]) => int(e, 'add1', v) + 1,
  sub: (e, [a, b]) => int(e, 'sub', a) - int(e, 'sub', b),
  mul: (e, args) => args.reduce<number>((p, a) => p * int(e, 'mul', a), 1),
  div: (e, [a, b]) => {
    const d = int(e, 'div', b);
    if (d === 0) throw new ExpressionError(e, 'sprig.div(): division by zero');
    return Math.trunc(int(e, 'div', a) / d);
  },
  mod: (e, [a, b]) => {
    const d = int(e, 'mod', b);
    if (d === 0) throw new ExpressionError(e, 'sprig.mod(): division by zero');
    return int(e, 'mod', a) % d;
  },
  max: (e, args) => Math.max(...args.map((a) => int(e, 'max', a))),
  min: (e, args) => Math.min(...args.map((a) => int(e, 'min', a))),
  // lists
  list: (_e, args) => args,
  first: (e, [l]) => list(e, 'first', l)[0] ?? null,
  last: (e, [l]) => list(e, 'last', l).at(-1) ?? null,
  rest: (e, [l]) => list(e, 'rest', l).slice(1),
  initial: (e, [l]) => list(e, 'initial', l).slice(0, -1),
  append: (e, [l, v]) => [...list(e, 'append', l), v],
  prepend: (e, [l, v]) => [v, ...list(e, 'prepend', l)],
  concat: (e, args) => args.flatMap((l) => list(e, 'concat', l)),
  reverse: (e, [l]) => [...list(e, 'reverse', l)].reverse(),
  uniq: (e, [l]) => {
    const seen = new Set<string>();
    return list(e, 'uniq', l).filter((v) => {
      const k = JSON.stringify(v);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  },
  compact: (e, [l]) => list(e, 'compact', l).filter((v) => !isEmpty(v)),
  has: (e, [v, l]) => list(e, 'has', l).some((x) => JSON.stringify(x) === JSON.stringify(v)),
  without: (e, [l, ...drop]) => {
    const gone = new Set(drop.map((d) => JSON.stringify(d)));
    return list(e, 'without', l).filter((v) => !gone.has(JSON.stringify(v)));
  },
  sortAlpha: (e, [l]) =>
    list(e, 'sortAlpha', l)
      .map(str)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  until: (e, [n]) => Array.from({ length: Math.max(0, int(e, 'until', n)) }, (_, i) => i),
  // maps
  dict: (_e, args) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i + 1 < args.length; i += 2) out[str(args[i])] = args[i + 1];
    return out;
  },
  get: (e, [d, k]) => {
    const m = dict(e, 'get', d);
    return Object.hasOwn(m, str(k)) ? m[str(k)] : '';
  },
  hasKey: (e, [d, k]) => Object.hasOwn(dict(e, 'hasKey', d), str(k)),
  keys: (e, args) => args.flatMap((d) => Object.keys(dict(e, 'keys', d))).sort(),
  values: (e, [d]) => Object.values(dict(e, 'values', d)),
  pick: (e, [d, ...names]) => {
    const m = dict(e, 'pick', d);
    return Object.fromEntries(names.map(str).flatMap((k) => (Object.hasOwn(m, k) ? [[k, m[k]]] : [])));
  },
  omit: (e, [d, ...names]) => {
    const drop = new Set(names.map(str));
    return Object.fromEntries(Object.entries(dict(e, 'omit', d)).filter(([k]) => !drop.has(k)));
  },
  merge: (e, [d, ...more]) => {
    const out = { ...dict(e, 'merge', d) };
    for (const m of more) for (const [k, v] of Object.entries(dict(e, 'merge', m))) if (!(k in out)) out[k] = v;
    return out;
  },
};
