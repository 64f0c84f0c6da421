import type { WorkflowStatus } from '@sluice/argo-types';
import { renderDagView } from './dag-view.js';

/** A terminal stream: what the live view needs of `process.stdout`. */
export interface TerminalStream {
  write(text: string): unknown;
  readonly columns?: number;
  readonly rows?: number;
}

/**
 * Redraws the DAG view of a running workflow in place on a terminal, at most every `intervalMs`. Feed it every
 * status (a local run's `onStatus`, or each event of a cluster watch); call {@link LiveView.stop} to draw the
 * final state and leave it on screen.
 */
export class LiveView {
  #status: WorkflowStatus | undefined;
  #lines = 0;
  #timer: NodeJS.Timeout | undefined;
  #dirty = false;

  constructor(
    private readonly stream: TerminalStream,
    private readonly workflow: string,
    private readonly intervalMs = 100,
  ) {}

  /** Records the latest status; the next tick draws it. */
  update(status: WorkflowStatus): void {
    this.#status = status;
    this.#dirty = true;
    if (this.#timer === undefined) {
      this.#timer = setInterval(() => this.draw(), this.intervalMs);
      this.#timer.unref();
    }
  }

  /** Draws the latest status now, replacing the previous drawing. */
  draw(force = false): void {
    const status = this.#status;
    if (status === undefined || (!this.#dirty && !force && status.phase !== 'Running')) return;
    this.#dirty = false;
    const lines = renderDagView(status, {
      workflow: this.workflow,
      now: Date.now(),
      color: true,
      // A terminal of unknown size (0 x 0, as under `script`) gets no cut.
      maxLines: Math.max(5, (this.stream.rows || 40) - 2),
      width: this.stream.columns || undefined,
    });
    // Move to the start of the previous drawing and clear from there down.
    const up = this.#lines > 0 ? `\x1b[${this.#lines}F\x1b[0J` : '';
    this.stream.write(`${up}${lines.join('\n')}\n`);
    this.#lines = lines.length;
  }

  /** Prints a line above the drawing, which is drawn again below it. */
  note(line: string): void {
    const up = this.#lines > 0 ? `\x1b[${this.#lines}F\x1b[0J` : '';
    this.stream.write(`${up}${line}\n`);
    this.#lines = 0;
    this.#dirty = true;
    this.draw(true);
  }

  /** Stops redrawing after one last drawing. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.draw(true);
  }
}
