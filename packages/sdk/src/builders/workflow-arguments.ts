import { argoName } from '../model/names.js';
import type { ArtifactSpec, ParameterSpec } from './types.js';

/**
 * A workflow argument parameter: a value (numbers and booleans written as strings) or a parameter object.
 * @example
 * ```ts
 * import { workflow, type WorkflowParameterValue } from '@sluice/sdk';
 *
 * const parameters: Record<string, WorkflowParameterValue> = { region: 'eu', batchSize: 500, dryRun: false, day: { value: '2026-06-17' } };
 * const wf = workflow({ generateName: 'etl-' }).arguments(parameters);
 * ```
 */
export type WorkflowParameterValue = string | number | boolean | ParameterSpec;

/**
 * Workflow arguments declared ahead of the templates that read them, made by {@link workflowArguments}: give it to
 * `wf.arguments(…)`, and read `args.parameters.<key>` (`{{workflow.parameters.<name>}}`) in template bodies, task
 * arguments, `when`, `withSequence` and the like. Only declared keys exist, so a misspelt one is a type error.
 * @example
 * ```ts
 * import { container, workflow, type WorkflowArguments, workflowArguments } from '@sluice/sdk';
 *
 * const args: WorkflowArguments<{ region: string }> = workflowArguments({ region: 'eu' });
 * const show = container({ name: 'show', container: { image: 'busybox:1.36', args: [args.parameters.region] } });
 * export default workflow({ generateName: 'show-' }).arguments(args).entrypoint(show);
 * ```
 */
export class WorkflowArguments<
  P extends Readonly<Record<string, WorkflowParameterValue>> = Readonly<Record<string, WorkflowParameterValue>>,
  A extends Readonly<Record<string, ArtifactSpec>> = Readonly<Record<string, ArtifactSpec>>,
> {
  /** `{{workflow.parameters.<name>}}` for each declared parameter, by its TypeScript key. */
  readonly parameters: { readonly [K in keyof P]: string };
  /** The declared parameters, as given. */
  readonly parameterSpecs: P;
  /** The declared artifacts, as given. */
  readonly artifactSpecs: A;

  /** @internal Use `workflowArguments()`. */
  constructor(parameters: P, artifacts: A) {
    this.parameterSpecs = Object.freeze({ ...parameters });
    this.artifactSpecs = Object.freeze({ ...artifacts });
    const refs: Record<string, string> = {};
    for (const key of Object.keys(parameters)) {
      const v = parameters[key];
      const name = typeof v === 'object' && v.name !== undefined ? v.name : argoName(key);
      refs[key] = `{{workflow.parameters.${name}}}`;
    }
    this.parameters = Object.freeze(refs) as { readonly [K in keyof P]: string };
  }
}

/**
 * Declares a workflow's arguments before the templates that read them, so that those templates get typed
 * `{{workflow.parameters.…}}` references; pass the result to `wf.arguments(…)`. Keys are TypeScript names (the Argo
 * name is the key in kebab-case, or a parameter object's `name`).
 * @example
 * ```ts
 * import { container, workflow, workflowArguments } from '@sluice/sdk';
 *
 * const args = workflowArguments({ message: 'hello world' });
 * const print = container({ name: 'print', container: { image: 'busybox:1.36', args: [args.parameters.message] } });
 * export default workflow({ generateName: 'global-' }).arguments(args).entrypoint(print);
 * // spec:
 * //   arguments:
 * //     parameters:
 * //     - name: message
 * //       value: hello world
 * //   templates:
 * //   - name: print
 * //     container:
 * //       args:
 * //       - '{{workflow.parameters.message}}'
 * ```
 */
export function workflowArguments<
  const P extends Readonly<Record<string, WorkflowParameterValue>>,
  const A extends Readonly<Record<string, ArtifactSpec>> = Record<never, never>,
>(parameters: P, artifacts?: A): WorkflowArguments<P, A> {
  for (const key of Object.keys(parameters)) {
    const v = parameters[key];
    if (v === null || !['string', 'number', 'boolean', 'object'].includes(typeof v)) {
      throw new Error(`workflowArguments(): parameter "${key}" must be a string, number, boolean or parameter object`);
    }
  }
  return new WorkflowArguments(parameters, artifacts ?? ({} as A));
}
