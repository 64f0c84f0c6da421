/** Fields attached to a log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/** A structured logger: one JSON object per line on stderr, `{"level","msg","stage","time",…}`. */
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

/**
 * Values that must never appear in a log line. The runtime adds every secret it reads; the logger replaces
 * them (in their JSON-escaped form) wherever they occur, including inside error stacks.
 */
export class Redactor {
  readonly #values = new Set<string>();

  /** Adds a value to redact; empty values are ignored. */
  add(value: string): void {
    if (value.length > 0) this.#values.add(value);
    const trimmed = value.trim();
    if (trimmed.length > 0) this.#values.add(trimmed);
  }

  /** Replaces every registered value in a serialised JSON line. */
  apply(line: string): string {
    let out = line;
    // Longest first, so a secret that contains another is redacted whole.
    for (const value of [...this.#values].sort((a, b) => b.length - a.length)) {
      const escaped = JSON.stringify(value).slice(1, -1);
      out = out.split(escaped).join(REDACTED);
    }
    return out;
  }
}

function serialise(value: unknown): unknown {
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
      line = JSON.stringify(entry, (_key, value: unknown) => serialise(value));
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
