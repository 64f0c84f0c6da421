import { access, writeFile } from 'node:fs/promises';
import type { Environment } from './environment.js';
import type { Redactor } from './logger.js';

/** Where Kubernetes reads a container's termination message unless `terminationMessagePath` says otherwise. */
export const KUBERNETES_TERMINATION_LOG = '/dev/termination-log';

/** Kubernetes keeps at most 4096 bytes of a termination message. */
const MAX_BYTES = 4096;

/** The file a failed stage writes its reason to: `SLUICE_TERMINATION_LOG`, else Kubernetes' file when it exists. */
async function terminationLogPath(env: Environment): Promise<string | undefined> {
  const explicit = env.SLUICE_TERMINATION_LOG;
  if (explicit !== undefined && explicit !== '') return explicit;
  try {
    await access(KUBERNETES_TERMINATION_LOG);
    return KUBERNETES_TERMINATION_LOG;
  } catch {
    return undefined;
  }
}

function truncate(message: string): string {
  const bytes = Buffer.from(message, 'utf8');
  if (bytes.length <= MAX_BYTES) return message;
  // Cut on a character boundary and say so.
  return `${new TextDecoder().decode(bytes.subarray(0, MAX_BYTES - 8)).replace(/\uFFFD$/u, '')} […]`;
}

/**
 * Writes why the stage failed (secrets redacted, at most 4096 bytes) as the container's termination message, so
 * the node's message in Argo — and in `workflow run --local` — reads `Error (exit code 2): <reason>` instead of
 * only the exit code. The file is `SLUICE_TERMINATION_LOG`, or `/dev/termination-log` when it exists (Kubernetes
 * creates it in every container); with neither nothing is written. It is written in place, not by rename:
 * Kubernetes bind-mounts that file, and it is read only after the process has exited. Never throws.
 *
 * @example
 * ```ts
 * await writeTerminationMessage(process.env, redactor, 'contract raw_orders: column amount is missing');
 * ```
 */
export async function writeTerminationMessage(env: Environment, redactor: Redactor, message: string): Promise<void> {
  try {
    const file = await terminationLogPath(env);
    if (file === undefined) return;
    const redacted = JSON.parse(redactor.apply(JSON.stringify(message))) as string;
    await writeFile(file, truncate(redacted));
  } catch {
    // A termination message is a courtesy: the log line already carries the reason.
  }
}
