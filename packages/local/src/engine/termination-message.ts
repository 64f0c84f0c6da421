import { readFile } from 'node:fs/promises';
import { printable } from '@sluice/runtime';

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
  // It goes into status.json, the report and every terminal that shows the run: control characters are escaped,
  // line breaks kept.
  return printable(
    new TextDecoder()
      .decode(bytes.subarray(0, MAX_BYTES))
      .replace(/\uFFFD$/u, '')
      .trim(),
    { keepLineBreaks: true },
  );
}
