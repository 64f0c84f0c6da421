/**
 * Options of {@link printable}.
 * @example
 * ```ts
 * import { printable, type PrintableOptions } from '@sluice/runtime';
 *
 * const multiLine: PrintableOptions = { keepLineBreaks: true };
 * printable('line 1\nline 2', multiLine);
 * ```
 */
export interface PrintableOptions {
  /** Keep newlines and tabs as they are (for multi-line text such as a termination message). Default: escape them. */
  readonly keepLineBreaks?: boolean;
}

// C0 controls, DEL, C1 controls, and the bidirectional overrides that reorder what a reader sees.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this function's job
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from outside (an Argo Server's `status.message`, a step's termination message) made safe for a terminal, a
 * status file and a report: control characters (escape sequences that move the cursor, retitle the window or hide
 * text; carriage returns; bidirectional overrides; newlines in a one-line field) are shown as `\xNN` / `\uNNNN`
 * instead of being interpreted.
 * @example
 * ```ts
 * import { printable } from '@sluice/runtime';
 *
 * printable('failed\x1b[2J'); // 'failed\\x1b[2J'
 * printable('line 1\nline 2', { keepLineBreaks: true }); // unchanged
 * ```
 */
export function printable(text: string, options: PrintableOptions = {}): string {
  return text.replace(CONTROLS, (c) => {
    if (options.keepLineBreaks && (c === '\n' || c === '\t')) return c;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
