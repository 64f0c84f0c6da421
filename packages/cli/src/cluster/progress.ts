import type { Workflow } from '@sluice/argo-types';

/**
 * Prints what changed between successive states of a workflow as plain lines: the workflow's phase, then each
 * node whose phase changed (`  extract: Running`). Suits CI logs, which cannot redraw a live view.
 */
export class PhasePrinter {
  #phase = '';
  readonly #nodes = new Map<string, string>();

  constructor(readonly write: (text: string) => void) {}

  /** Prints the changes of this state against the previous one. */
  update(workflow: Workflow): void {
    const name = workflow.metadata.name ?? '';
    const phase = workflow.status?.phase ?? '';
    if (phase !== '' && phase !== this.#phase) {
      this.#phase = phase;
      const message = workflow.status?.message;
      this.write(`${name}: ${phase}${message && isDone(phase) && phase !== 'Succeeded' ? ` (${message})` : ''}\n`);
    }
    for (const node of Object.values(workflow.status?.nodes ?? {})) {
      if (node.id === name || node.type !== 'Pod') continue;
      const nodePhase = node.phase ?? '';
      if (nodePhase === '' || this.#nodes.get(node.id) === nodePhase) continue;
      this.#nodes.set(node.id, nodePhase);
      this.write(`  ${node.displayName ?? node.name}: ${nodePhase}\n`);
    }
  }
}

/** True for Succeeded, Failed and Error. */
export function isDone(phase: string | undefined): boolean {
  return phase === 'Succeeded' || phase === 'Failed' || phase === 'Error';
}
