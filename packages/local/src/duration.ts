const unitsMs: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Parses a Go duration (`90s`, `1m30s`, `1.5h`, `500ms`) or a bare number of seconds (`"20"`, `20`), as Argo
 * accepts in `suspend.duration`, `backoff.duration` and `timeout`, into milliseconds.
 *
 * @param field names the field in the error, e.g. `templates.wait.suspend.duration`.
 * @throws {Error} naming the field and the accepted forms.
 * @example
 * ```ts
 * import { parseDuration } from '@sluice/local';
 *
 * parseDuration('1m30s', 'timeout'); // 90000
 * ```
 */
export function parseDuration(value: string | number, field: string): number {
  if (typeof value === 'number') return value * 1000;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const part = /(\d+(?:\.\d+)?)(ns|us|\u00b5s|ms|s|m|h)/y;
  let total = 0;
  let at = 0;
  while (at < text.length) {
    part.lastIndex = at;
    const m = part.exec(text);
    if (m === null) break;
    total += Number(m[1]) * (unitsMs[m[2] as string] ?? 0);
    at = part.lastIndex;
  }
  if (text === '' || at !== text.length) {
    throw new Error(
      `${field}: "${value}" is not a duration; use seconds ("30") or a Go duration ("90s", "1m30s", "2h")`,
    );
  }
  return total;
}
