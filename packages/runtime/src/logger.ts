/**
 * Fields attached to a log line.
 * @example
 * ```ts
 * import type { LogFields, StageContext } from '@sluice/runtime';
 *
 * const report = (ctx: StageContext<unknown>, fields: LogFields) => ctx.log.info('loaded', fields);
 * ```
 */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * A structured logger: one JSON object per line on stderr, `{"level","msg","stage","time",…}`.
 * @example
 * ```ts
 * import type { Logger } from '@sluice/runtime';
 *
 * function warnOnEmpty(log: Logger, rows: number): void {
 *   if (rows === 0) log.warn('no rows for this date', { rows });
 * }
 * ```
 */
export interface Logger {
  /** Diagnostic detail. */
  debug(msg: string, fields?: LogFields): void;
  /** Normal progress. */
  info(msg: string, fields?: LogFields): void;
  /** Something odd that did not stop the stage. */
  warn(msg: string, fields?: LogFields): void;
  /** A failure. */
  error(msg: string, fields?: LogFields): void;
}

/** Field names whose values are always redacted, whatever they hold. */
const sensitiveKey = /pass(word)?|secret|token|api[-_]?key|authorization|credential/i;

/** The text that replaces a secret value in log lines. */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not redacted in their encoded forms (a 2-character base64 would hit anywhere). */
const MIN_ENCODED_LENGTH = 4;

/** The forms in which a secret can leave a process: as written, JSON-escaped, base64, base64url, URL-encoded. */
function encodedForms(value: string): string[] {
  const forms = [value, JSON.stringify(value).slice(1, -1)];
  if (value.length >= MIN_ENCODED_LENGTH) {
    const bytes = Buffer.from(value, 'utf8');
    const base64 = bytes.toString('base64');
    forms.push(base64, base64.replace(/=+$/, ''), bytes.toString('base64url'));
    forms.push(encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+'));
  }
  return forms.filter((form) => form.length > 0);
}

/**
 * Values that must never appear in anything a process writes. The runtime adds every secret it reads; every log
 * line, the termination message, the crash handler and metric label values pass through {@link Redactor.apply},
 * which replaces each value in every encoded form it could take (as written, JSON-escaped, base64, base64url and
 * URL-encoded), including inside error stacks. One instance serves a whole process: {@link processRedactor}.
 */
export class Redactor {
  readonly #forms = new Set<string>();
  #sorted: string[] = [];

  /** Adds a value to redact; empty values are ignored. */
  add(value: string): void {
    const before = this.#forms.size;
    for (const candidate of [value, value.trim()]) {
      if (candidate.length === 0) continue;
      for (const form of encodedForms(candidate)) this.#forms.add(form);
    }
    // Longest first, so a secret that contains another is redacted whole.
    if (this.#forms.size !== before) this.#sorted = [...this.#forms].sort((a, b) => b.length - a.length);
  }

  /** Replaces every registered value, in every encoded form, in `text` (a JSON line or plain text). */
  apply(text: string): string {
    let out = text;
    for (const form of this.#sorted) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  }
}

let shared: Redactor | undefined;

/**
 * The one redactor of this process: what `ctx.secret` registers is redacted by the stage's logger, the crash
 * handler outside `run()`, the termination message and metric labels alike.
 */
export function processRedactor(): Redactor {
  shared ??= new Redactor();
  return shared;
}

function serialise(this: unknown, key: string, value: unknown): unknown {
  // JSON.stringify has already called Buffer#toJSON; the holder still has the original bytes, which are never
  // printed (a Buffer often holds a credential or a payload).
  const original: unknown = typeof this === 'object' && this !== null ? Reflect.get(this, key) : value;
  if (original instanceof Uint8Array) return `[${original.byteLength} bytes]`;
  if (value instanceof Error) {
    const { name, message, stack } = value;
    return { name, message, stack };
  }
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/**
 * Creates the JSON logger a stage's `ctx.log` is. `write` defaults to stderr (stdout is left to the stage).
 *
 * @example
 * ```ts
 * const log = createLogger({ stage: 'extract' }, new Redactor());
 * log.info('read rows', { rows: 1200 }); // {"level":"info","msg":"read rows","stage":"extract","time":"…","rows":1200}
 * ```
 */
export function createLogger(
  base: LogFields,
  redactor: Redactor,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const emit = (level: string, msg: string, fields: LogFields = {}): void => {
    const entry: Record<string, unknown> = { level, msg, ...base, time: new Date().toISOString() };
    for (const [key, value] of Object.entries(fields)) {
      if (key === 'level' || key === 'msg' || key === 'time' || key in base) continue;
      entry[key] = sensitiveKey.test(key) ? REDACTED : value;
    }
    let line: string;
    try {
      line = JSON.stringify(entry, serialise);
    } catch {
      line = JSON.stringify({ level, msg, ...base, time: entry.time, fields: '[unserialisable]' });
    }
    write(`${redactor.apply(line)}\n`);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}
