/**
 * Text from outside (an Argo Server's `status.message`, a stage's termination message) made safe for a terminal:
 * control characters (escape sequences that move the cursor, retitle the window or hide text; carriage returns;
 * newlines in a one-line field) are shown as `\xNN` / `\uNNNN` instead of being interpreted.
 *
 * @example
 * ```ts
 * printable('failed\x1b[2J'); // 'failed\\x1b[2J'
 * ```
 */
export function printable(text: string): string {
  // C0 controls, DEL, C1 controls, and the bidirectional overrides that reorder what a reader sees.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this function's job
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
