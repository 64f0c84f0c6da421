import { UsageError } from '../command.js';

/**
 * Parses a duration such as `90`, `30s`, `5m`, `1h30m`, `2d` into milliseconds (a bare number is seconds, as
 * `argo wait --timeout` reads it).
 *
 * @throws {UsageError} naming the flag and the accepted forms.
 */
export function parseDuration(flag: string, text: string): number {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new UsageError(`${flag} "${text}" is not a duration; use e.g. 90, 30s, 5m, 1h30m or 2d`);
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * (unit[p[2] ?? 's'] ?? 1000), 0);
}
