import type { Template } from '@sluice/argo-types';

/** The key under which builders keep what other modules of this package read. Not exported from the package. */
export const INTERNAL: unique symbol = Symbol.for('sluice.internal');

/** TypeScript key → Argo name of each declared input and output; `typed` is false for templates read from YAML. */
export interface IoNames {
  readonly inParams: Readonly<Record<string, string>>;
  readonly inArtifacts: Readonly<Record<string, string>>;
  readonly outParams: Readonly<Record<string, string>>;
  readonly outArtifacts: Readonly<Record<string, string>>;
  readonly typed: boolean;
}

/** What a template builder holds: its frozen Argo template and the templates its tasks or steps run. */
export interface TemplateInternals {
  readonly template: Readonly<Template>;
  readonly deps: readonly TemplateCarrier[];
  readonly io: IoNames;
}

/** Anything holding a template (a template builder). */
export interface TemplateCarrier {
  readonly [INTERNAL]: TemplateInternals;
}

/** How a task or step refers to what it runs: `template`, `templateRef` or `inline`, plus templates to list. */
export interface RunnableInternals {
  readonly io: IoNames;
  /** The fields to set on the task or step (`template`, `templateRef` or `inline`). */
  readonly target: Readonly<Record<string, unknown>>;
  /** Templates the workflow must list for this to run. */
  readonly deps: readonly TemplateCarrier[];
  /** For messages: what this runs. */
  readonly label: string;
}

/** The key of {@link RunnableInternals}. */
export const RUNNABLE: unique symbol = Symbol.for('sluice.runnable');

/** What a task or step can run: a template builder, a `templateRef(…)` or an `inline(…)` template. */
export interface Runnable<I, O> {
  /** Phantom: the declared inputs and outputs, for the types only. */
  readonly __sig?: { readonly in: I; readonly out: O };
  readonly [RUNNABLE]: RunnableInternals;
}

/**
 * What a task or step runs, as errors name it: a {@link RunnableInternals} (its `label`) or a template builder, which
 * a task runs without making a record of it.
 */
export type RunLabelled = { readonly label: string } | TemplateCarrier;

/** The words that name `runs` in an error: `template "name"`, or what its `label` says. */
export function runLabel(runs: RunLabelled): string {
  return INTERNAL in runs ? `template "${runs[INTERNAL].template.name ?? ''}"` : runs.label;
}

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

/** Io names of a template the types cannot see, read from its Argo `inputs` and `outputs`. */
export function ioFromTemplate(t: Readonly<Template>): IoNames {
  const names = (list: readonly { name: string }[] | undefined) => {
    if (list === undefined || list.length === 0) return EMPTY;
    const out: Record<string, string> = {};
    for (const p of list) out[p.name] = p.name;
    return Object.freeze(out);
  };
  return {
    inParams: names(t.inputs?.parameters),
    inArtifacts: names(t.inputs?.artifacts),
    outParams: names(t.outputs?.parameters),
    outArtifacts: names(t.outputs?.artifacts),
    typed: false,
  };
}

/** The shared empty name table. */
export const NO_NAMES = EMPTY;
