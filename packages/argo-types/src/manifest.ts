import type { ClusterWorkflowTemplate, CronWorkflow, Workflow, WorkflowTemplate } from './generated/v4.1/names.js';
import type { components } from './generated/v4.1/openapi.js';

/**
 * Any generated schema by its full definition name, e.g. `Schema<'io.argoproj.workflow.v1alpha1.WorkflowCreateRequest'>`.
 * @example
 * ```ts
 * import type { Schema } from '@sluice/argo-types';
 *
 * const gc: Schema<'io.argoproj.workflow.v1alpha1.PodGC'> = { strategy: 'OnPodSuccess' };
 * ```
 */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/**
 * The four workflow kinds a user writes.
 * @example
 * ```ts
 * import type { ArgoKind } from '@sluice/argo-types';
 *
 * const submittable: ArgoKind[] = ['WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'];
 * ```
 */
export type ArgoKind = 'Workflow' | 'WorkflowTemplate' | 'ClusterWorkflowTemplate' | 'CronWorkflow';

/**
 * A manifest of one of the four workflow kinds, discriminated by `kind`.
 * @example
 * ```ts
 * import type { ArgoManifest } from '@sluice/argo-types';
 *
 * const names = (docs: readonly ArgoManifest[]) => docs.map((d) => `${d.kind}/${d.metadata.name ?? d.metadata.generateName}`);
 * ```
 */
export type ArgoManifest =
  | (Workflow & { kind: 'Workflow' })
  | (WorkflowTemplate & { kind: 'WorkflowTemplate' })
  | (ClusterWorkflowTemplate & { kind: 'ClusterWorkflowTemplate' })
  | (CronWorkflow & { kind: 'CronWorkflow' });
