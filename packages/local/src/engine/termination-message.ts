import { readFile } from 'node:fs/promises';

/** Kubernetes keeps at most 4096 bytes of a container's termination message. */
const MAX_BYTES = 4096;

/**
 * Reads the termination message a failed process wrote (the file `SLUICE_TERMINATION_LOG` named, the local
 * stand-in for Kubernetes' `/dev/termination-log`), trimmed and cut to 4096 bytes as Kubernetes does, control characters escaped; `''`
 * when the process wrote none. The step's message then reads `Error (exit code 2): <reason>`, as Argo's does.
 *
 * @example
 * ```ts
 * const reason = await readTerminationMessage('.sluice/runs/etl-x7k2p/nodes/etl-x7k2p-123/termination-log');
 * ```
 */
export async function readTerminationMessage(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    return '';
  }
  return escapeControls(
    new TextDecoder()
      .decode(bytes.subarray(0, MAX_BYTES))
      .replace(/\uFFFD$/u, '')
      .trim(),
  );
}

/**
 * A message from a step goes into `status.json`, the report and every terminal that shows the run: control
 * characters other than newline and tab (escape sequences that move the cursor, retitle the window, hide text;
 * carriage returns; bidirectional overrides) are written as `\xNN` / `\uNNNN`, the notation the CLI's views use.
 */
function escapeControls(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this function's job
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
