import { expect } from 'vitest';
import { type LintOptions, lint } from '../../src/index.js';

/** A JSON object, as in manifests. */
export type Doc = Record<string, unknown>;

/** A container template named `name` running a pinned image. */
export function container(name: string, extra: Doc = {}): Doc {
  return { name, container: { image: 'alpine:3.20', command: ['echo', 'hi'] }, ...extra };
}

/** A Workflow whose entrypoint is its first template. */
export function workflow(templates: Doc[], spec: Doc = {}, metadata: Doc = { generateName: 'case-' }): Doc {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata,
    spec: { entrypoint: String(templates[0]?.name ?? 'main'), templates, ...spec },
  };
}

/** A WorkflowTemplate without an entrypoint. */
export function workflowTemplate(name: string, templates: Doc[], spec: Doc = {}): Doc {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'WorkflowTemplate',
    metadata: { name },
    spec: { templates, ...spec },
  };
}

/** A CronWorkflow around a one-container workflow spec. */
export function cronWorkflow(spec: Doc = {}, workflowSpec: Doc = {}, name = 'nightly'): Doc {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'CronWorkflow',
    metadata: { name },
    spec: {
      schedules: ['0 2 * * *'],
      ...spec,
      workflowSpec: { entrypoint: 'main', templates: [container('main')], ...workflowSpec },
    },
  };
}

/** The messages `lint()` reports for the documents (the first is the one under test; the rest are companions). */
export function messages(docs: Doc | Doc[], options?: LintOptions): string[] {
  const list = Array.isArray(docs) ? docs : [docs];
  const results = lint(
    list.map((doc, i) => ({ source: `case-${i}.yaml`, doc })),
    options,
  );
  return results[0]?.errors.map((e) => e.message) ?? [];
}

/** One negative case and its passing neighbour. */
export interface LintCase {
  /** What is wrong. */
  readonly name: string;
  /** The failing document (and companions). */
  readonly bad: Doc | Doc[];
  /** The passing neighbour (and companions). */
  readonly good: Doc | Doc[];
  /** The exact messages expected for `bad`; with `contains`, only these must appear among others. */
  readonly expected: string[];
  /** Structural errors may accompany the semantic ones. */
  readonly contains?: boolean;
}

/** Asserts a case: the failing document reports exactly the messages, the neighbour nothing. */
export function check(c: LintCase): void {
  const got = messages(c.bad);
  if (c.contains === true) for (const m of c.expected) expect(got).toContain(m);
  else expect(got).toEqual(c.expected);
  expect(messages(c.good)).toEqual([]);
}
