import type { Workflow } from '@sluice/argo-types';
import type { ArgoClient } from '@sluice/client';
import type { CommandIO } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { PhasePrinter } from './progress.js';

/** Exit code for a finished workflow: 0 when it succeeded, 1 otherwise. */
export function exitCodeOfPhase(workflow: Workflow): ExitCode {
  return workflow.status?.phase === 'Succeeded' ? ExitCode.Ok : ExitCode.Failed;
}

/**
 * Follows a workflow until it finishes, printing phase changes as they stream unless `quiet` (reconnecting on
 * drops), and returns the exit code of its outcome.
 */
export async function watchToEnd(
  client: ArgoClient,
  name: string,
  namespace: string | undefined,
  io: CommandIO,
  options: { timeoutMs?: number; quiet?: boolean } = {},
): Promise<ExitCode> {
  const printer = new PhasePrinter((text) => io.stdout.write(text));
  const done = await client.workflows.wait(name, {
    namespace,
    timeoutMs: options.timeoutMs,
    onUpdate: options.quiet ? undefined : (wf) => printer.update(wf),
  });
  return exitCodeOfPhase(done);
}

/** Streams a workflow's logs (following them) as `pod: line`. */
export async function printLogs(
  client: ArgoClient,
  name: string,
  io: CommandIO,
  options: {
    namespace?: string;
    podName?: string;
    container?: string;
    follow?: boolean;
    grep?: string;
    tailLines?: number;
    timestamps?: boolean;
  },
): Promise<void> {
  for await (const entry of client.workflows.logs(name, options)) {
    io.stdout.write(`${entry.podName ?? ''}: ${entry.content ?? ''}\n`);
  }
}
