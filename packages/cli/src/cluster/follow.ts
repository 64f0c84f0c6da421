import type { Workflow } from '@sluice/argo-types';
import type { ArgoClient } from '@sluice/client';
import type { CommandIO } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { type ProgressView, progressView } from '../ui/progress-view.js';

/** Exit code for a finished workflow: 0 when it succeeded, 1 otherwise. */
export function exitCodeOfPhase(workflow: Workflow): ExitCode {
  return workflow.status?.phase === 'Succeeded' ? ExitCode.Ok : ExitCode.Failed;
}

/**
 * Follows a workflow until it finishes (reconnecting on drops) and returns the exit code of its outcome. Unless
 * `quiet`, it shows the same progress view as a local run as the server streams the workflow: the live DAG view
 * on a terminal, one line per phase change otherwise.
 */
export async function watchToEnd(
  client: ArgoClient,
  name: string,
  namespace: string | undefined,
  io: CommandIO,
  options: { timeoutMs?: number; quiet?: boolean } = {},
): Promise<ExitCode> {
  const view: ProgressView | undefined = options.quiet ? undefined : progressView(io.stdout, name, 'text');
  let last: Workflow | undefined;
  try {
    const done = await client.workflows.wait(name, {
      namespace,
      timeoutMs: options.timeoutMs,
      onUpdate:
        view === undefined
          ? undefined
          : (wf) => {
              last = wf;
              view.update(wf.status ?? {});
            },
    });
    last = done;
    return exitCodeOfPhase(done);
  } finally {
    view?.finish(last?.status);
  }
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
