const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldBounds {
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  readonly nameBase?: number;
}

const FIELDS: readonly FieldBounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { min: 0, max: 6, names: DAYS, nameBase: 0 },
];

const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/;

function number(text: string, bounds: FieldBounds): number | string {
  const named = bounds.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + (bounds.nameBase ?? 0);
  if (!/^\d+$/.test(text)) {
    return /^-\d+$/.test(text) ? `negative number (${text}) not allowed: ${text}` : `failed to parse int from ${text}`;
  }
  return Number.parseInt(text, 10);
}

function rangeProblem(expr: string, bounds: FieldBounds): string | undefined {
  const [range = '', step, extra] = expr.split('/');
  if (extra !== undefined) return `too many slashes: ${expr}`;
  let start = bounds.min;
  let end = bounds.max;
  if (range !== '*' && range !== '?') {
    const parts = range.split('-');
    if (parts.length > 2) return `too many hyphens: ${expr}`;
    const first = number(parts[0] ?? '', bounds);
    if (typeof first === 'string') return first;
    start = first;
    end = first;
    if (parts[1] !== undefined) {
      const last = number(parts[1], bounds);
      if (typeof last === 'string') return last;
      end = last;
    } else if (step !== undefined) end = bounds.max;
  }
  if (step !== undefined) {
    const n = number(step, { min: 0, max: Number.MAX_SAFE_INTEGER });
    if (typeof n === 'string') return n;
    if (n <= 0) return `step of range should be a positive number: ${expr}`;
  }
  if (start < bounds.min) return `beginning of range (${start}) below minimum (${bounds.min}): ${expr}`;
  if (end > bounds.max) return `end of range (${end}) above maximum (${bounds.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  return undefined;
}

/**
 * Parses a schedule the way robfig/cron's `ParseStandard` does (five fields, `@hourly`-style descriptors,
 * `@every <duration>`, an optional `CRON_TZ=`/`TZ=` prefix) and returns what is wrong, or undefined.
 * @example
 * ```ts
 * import { cronScheduleProblem } from '@sluice/sdk';
 *
 * cronScheduleProblem('5 4 * * *'); // undefined
 * cronScheduleProblem('0 0 * *'); // 'expected exactly 5 fields, found 4: [0 0 * *]'
 * ```
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  let spec = schedule.trim();
  if (spec === '') return 'empty spec string';
  const tz = /^(CRON_TZ|TZ)=(\S*)\s*/.exec(spec);
  if (tz) {
    if (timezoneProblem(tz[2] ?? '') !== undefined) return `provided bad location ${tz[2]}: unknown time zone ${tz[2]}`;
    spec = spec.slice(tz[0].length);
  }
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.includes(spec)) return undefined;
    if (spec.startsWith('@every ')) {
      const duration = spec.slice('@every '.length).trim();
      return GO_DURATION.test(duration)
        ? undefined
        : `failed to parse duration ${spec}: time: invalid duration "${duration}"`;
    }
    return `unrecognized descriptor: ${spec}`;
  }
  const fields = spec.split(/\s+/);
  if (fields.length !== 5) return `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`;
  for (const [i, field] of fields.entries()) {
    const bounds = FIELDS[i];
    if (bounds === undefined) continue;
    for (const expr of field.split(',')) {
      const problem = rangeProblem(expr, bounds);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

/**
 * What is wrong with an IANA time zone name (checked through `Intl`), or undefined. `''` and `Local` are valid.
 * @example
 * ```ts
 * import { timezoneProblem } from '@sluice/sdk';
 *
 * timezoneProblem('Europe/Berlin'); // undefined
 * timezoneProblem('Europe/Berlinn'); // what is wrong, with the nearest valid name
 * ```
 */
export function timezoneProblem(name: string): string | undefined {
  if (name === '' || name === 'Local' || name === 'UTC') return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return undefined;
  } catch {
    return `unknown time zone ${name}`;
  }
}
