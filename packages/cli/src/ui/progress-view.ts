import type { WorkflowStatus } from '@sluice/argo-types';
import { LiveView, type TerminalStream } from './live-view.js';
import { PlainProgress } from './plain-progress.js';

/** Where a progress view writes: a terminal or a pipe (what it needs of `process.stdout`). */
export interface ProgressStream extends TerminalStream {
  readonly isTTY?: boolean;
}

/** The progress display of one workflow, local or on a cluster: fed every status, finished once. */
export interface ProgressView {
  /** Shows the latest status (a live view redraws on its next tick; plain output prints what changed). */
  update(status: WorkflowStatus, changed?: readonly string[]): void;
  /** Shows the final status and stops redrawing. */
  finish(status?: WorkflowStatus): void;
  /** Prints a line of its own (a retry wait), above a live drawing. */
  note(line: string): void;
}

/**
 * The progress view both `workflow run --local` and the cluster followers (`watch`, `submit --watch`,
 * `retry/resubmit --watch`) show: on a terminal with text output, the live DAG view ({@link LiveView}); otherwise
 * one line per phase change ({@link PlainProgress}), as text or JSON lines.
 *
 * @example
 * ```ts
 * const view = progressView(process.stdout, 'etl-x7k2p', 'text');
 * for await (const wf of stream) view.update(wf.status ?? {});
 * view.finish();
 * ```
 */
export function progressView(stream: ProgressStream, workflow: string, format: 'text' | 'json'): ProgressView {
  if (stream.isTTY === true && format === 'text') {
    const live = new LiveView(stream, workflow);
    return {
      update: (status) => live.update(status),
      finish: (status) => {
        if (status !== undefined) live.update(status);
        live.stop();
      },
      note: (line) => live.note(line),
    };
  }
  const plain = new PlainProgress((text) => void stream.write(text), workflow, format);
  return {
    update: (status, changed) => plain.update(status, changed),
    finish: (status) => {
      if (status !== undefined) plain.update(status);
    },
    note: (line) => void stream.write(`${line}\n`),
  };
}
