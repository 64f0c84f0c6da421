/**
 * How one string is written as a YAML scalar: plain when a YAML 1.1 or 1.2 reader would read it back as the same
 * string, single-quoted when it only needs protecting, double-quoted (JSON escapes) when it holds characters a
 * YAML reader would not keep, and as a literal block (`|`, `|-`) for readable multi-line text.
 */

// Characters YAML does not allow raw (outside C0, which JSON.stringify escapes), or that YAML 1.1 reads as breaks.
const ESCAPE_EXTRA = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
// Words YAML 1.1 or 1.2 resolve to null or a boolean, and the merge key.
const KEYWORD = /^(?:~|null|true|false|yes|no|y|n|on|off|=|<<)$/i;
const SPECIAL_FLOAT = /^[-+]?\.(?:inf|nan)$/i;
// Strings made only of what YAML 1.1/1.2 numbers, sexagesimals and timestamps are made of (`1e3`, `0x1F`, `1:20`,
// `2026-06-17`): quoted when they start like a number. `512Mi` and `250m` stay plain.
const NUMERIC_CHARS = /^[-+.0-9a-fA-FxXoO_:]*$/;
const TIMESTAMP_START = /^[0-9]{4}-[0-9]/;
// YAML 1.1 floats may have no digit before (or after) the dot: `.`, `-.`, `._`, `.e+1`.
const DOT_FLOAT = /^[-+]?\.[0-9._]*(?:[eE][-+]?[0-9]+)?$/;
// A bare exponent (`E0`, `e+5`, `-E1`): the `yaml` package's YAML 1.1 schema reads it as a float (NaN).
const EXPONENT_ONLY = /^[-+]?[eE][-+]?[0-9]+$/;

/** Whether code unit `c` at `i` of `s` is outside YAML's printable set (or a lone surrogate). */
function nonPrintableAt(s: string, c: number, i: number): boolean {
  if (c < 0x20) return c !== 0x09 && c !== 0x0a && c !== 0x0d;
  if (c < 0x7f) return false;
  if (c <= 0x9f || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) return true;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = s.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = s.charCodeAt(i - 1);
    return !(prev >= 0xd800 && prev <= 0xdbff);
  }
  return false;
}

/** Whether `s` holds a character YAML cannot carry raw (so only a double-quoted scalar keeps it). */
export function hasNonPrintable(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (nonPrintableAt(s, s.charCodeAt(i), i)) return true;
  return false;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Whether `s` may be written without quotes. */
export function isPlainSafe(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  const c0 = s.charCodeAt(0);
  switch (c0) {
    case 0x3f: // ?
    case 0x3a: // :
    case 0x2c: // ,
    case 0x5b: // [
    case 0x5d: // ]
    case 0x7b: // {
    case 0x7d: // }
    case 0x23: // #
    case 0x26: // &
    case 0x2a: // *
    case 0x21: // !
    case 0x7c: // |
    case 0x3e: // >
    case 0x27: // '
    case 0x22: // "
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
    case 0x20: // space
      return false;
    case 0x2d: // -
      if (n === 1 || s.charCodeAt(1) === 0x20 || s.startsWith('---')) return false;
      break;
    case 0x2e: // .
      if (s.startsWith('...')) return false;
      break;
  }
  // Anything that starts like a number (int, float, hex, octal, sexagesimal, timestamp) or is .inf/.nan.
  if (isDigit(c0)) {
    if (NUMERIC_CHARS.test(s) || TIMESTAMP_START.test(s)) return false;
  } else if (c0 === 0x2d || c0 === 0x2b || c0 === 0x2e) {
    const c1 = s.charCodeAt(1);
    const numeric = isDigit(c1) || (c1 === 0x2e && isDigit(s.charCodeAt(2)));
    if ((numeric && NUMERIC_CHARS.test(s)) || DOT_FLOAT.test(s) || SPECIAL_FLOAT.test(s)) return false;
  }
  if (n <= 5 && KEYWORD.test(s)) return false;
  if ((c0 === 0x65 || c0 === 0x45 || c0 === 0x2d || c0 === 0x2b) && EXPONENT_ONLY.test(s)) return false;
  if (s.charCodeAt(n - 1) === 0x20) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20) return false;
    if (c === 0x3a) {
      if (i === n - 1 || s.charCodeAt(i + 1) === 0x20) return false;
    } else if (c === 0x23) {
      if (s.charCodeAt(i - 1) === 0x20) return false;
    } else if (c >= 0x7f && nonPrintableAt(s, c, i)) return false;
  }
  return true;
}

/** `s` as a double-quoted YAML scalar (JSON escapes plus the characters YAML needs escaped). */
export function doubleQuoted(s: string): string {
  return JSON.stringify(s).replace(ESCAPE_EXTRA, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `s` as a single-line scalar: plain, single-quoted or double-quoted. */
export function inlineScalar(s: string): string {
  if (isPlainSafe(s)) return s;
  if (s.includes('\n') || s.includes('\r') || hasNonPrintable(s)) return doubleQuoted(s);
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * The lines of a literal block scalar for `s` and its header (`|` or `|-`), or undefined when `s` is better written
 * on one line (no line break) or cannot be written as a literal block faithfully.
 */
export function literalBlock(s: string): { header: string; lines: string[] } | undefined {
  if (!s.includes('\n') || s.includes('\r') || s.includes('\t') || hasNonPrintable(s)) return undefined;
  if (s[0] === ' ' || s[0] === '\n') return undefined;
  let body = s;
  let header = '|-';
  if (s.endsWith('\n')) {
    if (s.endsWith('\n\n')) return undefined;
    body = s.slice(0, -1);
    header = '|';
  }
  const lines = body.split('\n');
  for (const line of lines) {
    // Whitespace-only lines and trailing spaces are where YAML readers disagree: keep such text on one line.
    if (line.length > 0 && (line.trim() === '' || line.endsWith(' '))) return undefined;
  }
  return { header, lines };
}
