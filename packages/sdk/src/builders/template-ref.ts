import type { TemplateRef } from '@sluice/argo-types';
import { freezeModel } from '../model/freeze.js';
import { INTERNAL, type IoNames, RUNNABLE, type Runnable, type RunnableInternals } from './internal.js';
import type { TemplateBuilder } from './template.js';
import type { UntypedInputs, UntypedOutputs } from './types.js';

const UNTYPED: IoNames = Object.freeze({
  inParams: Object.freeze({}),
  inArtifacts: Object.freeze({}),
  outParams: Object.freeze({}),
  outArtifacts: Object.freeze({}),
  typed: false,
});

/**
 * What `templateRef()` needs of a WorkflowTemplate or ClusterWorkflowTemplate builder.
 * @example
 * ```ts
 * import { type TemplateHolder, templateRef, workflowTemplate } from '@sluice/sdk';
 *
 * const shared: TemplateHolder = workflowTemplate('shared');
 * const whalesay = templateRef(shared, 'whalesay'); // templateRef: { name: shared, template: whalesay }
 * ```
 */
export interface TemplateHolder {
  /** `WorkflowTemplate` or `ClusterWorkflowTemplate`. */
  readonly kind: string;
  /** `metadata.name`. */
  readonly name: string | undefined;
  /** Whether it lists a template of this name. */
  hasTemplate(name: string): boolean;
}

/**
 * A template of another WorkflowTemplate or ClusterWorkflowTemplate, run by a task through `templateRef`.
 * @example
 * ```ts
 * import { container, dag, templateRef, type TemplateRefTarget } from '@sluice/sdk';
 *
 * const notify = container({ name: 'notify', inputs: { parameters: { text: {} } }, container: { image: 'busybox:1.36' } });
 * const shared: TemplateRefTarget<{ parameters: { text: {} } }, {}> = templateRef('notifications', notify, { clusterScope: true });
 * dag('main', (d) => {
 *   d.task('notify', shared, { text: 'done' });
 * });
 * ```
 */
export class TemplateRefTarget<I = UntypedInputs, O = UntypedOutputs> implements Runnable<I, O> {
  /** Phantom: the declared inputs and outputs, for the types only. */
  declare readonly __sig?: { readonly in: I; readonly out: O };
  /** @internal */
  readonly [RUNNABLE]: RunnableInternals;

  /** @internal Use `templateRef()`. */
  constructor(ref: TemplateRef, io: IoNames) {
    this[RUNNABLE] = {
      io,
      target: freezeModel({ templateRef: ref }),
      deps: [],
      label: `template "${ref.template}" of ${ref.clusterScope ? 'ClusterWorkflowTemplate' : 'WorkflowTemplate'} "${ref.name}"`,
    };
  }

  /** The Argo `templateRef`. */
  get ref(): TemplateRef {
    return { ...(this[RUNNABLE].target.templateRef as TemplateRef) };
  }
}

/**
 * A reference to a template of a WorkflowTemplate (or, with `clusterScope` or a ClusterWorkflowTemplate builder, a
 * ClusterWorkflowTemplate), for a task or step to run. Given the template builder, its inputs and outputs are typed.
 * @example
 * ```ts
 * import { container, dag, templateRef, workflowTemplate } from '@sluice/sdk';
 *
 * const whalesay = container({
 *   name: 'whalesay',
 *   inputs: { parameters: { message: {} } },
 *   container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.message] }),
 * });
 * const shared = workflowTemplate('shared').templates(whalesay);
 * const main = dag('main', (d) => {
 *   d.task('hello', templateRef(shared, whalesay), { message: 'hi' });
 * });
 * // - name: hello
 * //   templateRef:
 * //     name: shared
 * //     template: whalesay
 * ```
 */
export function templateRef<N extends string, I, O>(
  workflowTemplate: string | TemplateHolder,
  template: TemplateBuilder<N, I, O>,
  options?: { clusterScope?: boolean },
): TemplateRefTarget<I, O>;
export function templateRef(
  workflowTemplate: string | TemplateHolder,
  template: string,
  options?: { clusterScope?: boolean },
): TemplateRefTarget<UntypedInputs, UntypedOutputs>;
export function templateRef(
  workflowTemplate: string | TemplateHolder,
  template: string | TemplateBuilder<string, unknown, unknown>,
  options: { clusterScope?: boolean } = {},
): TemplateRefTarget<unknown, unknown> {
  const templateName = typeof template === 'string' ? template : template.name;
  let name: string;
  let clusterScope = options.clusterScope ?? false;
  if (typeof workflowTemplate === 'string') name = workflowTemplate;
  else {
    if (workflowTemplate.kind !== 'WorkflowTemplate' && workflowTemplate.kind !== 'ClusterWorkflowTemplate') {
      throw new Error(`templateRef: a ${workflowTemplate.kind} cannot be referenced; use a WorkflowTemplate`);
    }
    if (workflowTemplate.name === undefined) throw new Error('templateRef: the WorkflowTemplate has no metadata.name');
    name = workflowTemplate.name;
    if (!workflowTemplate.hasTemplate(templateName)) {
      throw new Error(`templateRef: ${workflowTemplate.kind} "${name}" has no template "${templateName}"`);
    }
    if (workflowTemplate.kind === 'ClusterWorkflowTemplate') clusterScope = true;
  }
  const ref: TemplateRef = { name, template: templateName };
  if (clusterScope) ref.clusterScope = true;
  return new TemplateRefTarget(ref, typeof template === 'string' ? UNTYPED : template[INTERNAL].io);
}

/**
 * A template run inline by a task or step (Argo's `inline`), not listed in the workflow's templates.
 * @example
 * ```ts
 * import { container, dag, inline, type InlineTarget } from '@sluice/sdk';
 *
 * const once: InlineTarget<{}, {}> = inline(container({ name: 'once', container: { image: 'busybox:1.36' } }));
 * dag('main', (d) => {
 *   d.task('once', once);
 * });
 * ```
 */
export class InlineTarget<I = UntypedInputs, O = UntypedOutputs> implements Runnable<I, O> {
  /** Phantom: the declared inputs and outputs, for the types only. */
  declare readonly __sig?: { readonly in: I; readonly out: O };
  /** @internal */
  readonly [RUNNABLE]: RunnableInternals;

  /** @internal Use `inline()`. */
  constructor(template: TemplateBuilder<string, I, O>) {
    const { name: _name, ...body } = template[INTERNAL].template;
    this[RUNNABLE] = {
      io: template[INTERNAL].io,
      target: freezeModel({ inline: body }),
      deps: template[INTERNAL].deps,
      label: `the inline template "${template.name}"`,
    };
  }
}

/**
 * Runs a template inline: the task or step carries the template itself (without its name) instead of naming it.
 * @example
 * ```ts
 * import { container, dag, inline } from '@sluice/sdk';
 *
 * const main = dag('main', (d) => {
 *   d.task('a', inline(container({ name: 'a', container: { image: 'busybox:1.36' } })));
 * });
 * // - name: a
 * //   inline:
 * //     container:
 * //       image: busybox:1.36
 * ```
 */
export function inline<N extends string, I, O>(template: TemplateBuilder<N, I, O>): InlineTarget<I, O> {
  return new InlineTarget<I, O>(template);
}
