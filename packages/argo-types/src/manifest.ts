import type { ClusterWorkflowTemplate, CronWorkflow, Workflow, WorkflowTemplate } from './generated/v4.1/names.js';
import type { components } from './generated/v4.1/openapi.js';

/** Any generated schema by its full definition name, e.g. `Schema<'io.argoproj.workflow.v1alpha1.WorkflowCreateRequest'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The four workflow kinds a user writes. */
export type ArgoKind = 'Workflow' | 'WorkflowTemplate' | 'ClusterWorkflowTemplate' | 'CronWorkflow';

/** A manifest of one of the four workflow kinds, discriminated by `kind`. */
export type ArgoManifest =
  | (Workflow & { kind: 'Workflow' })
  | (WorkflowTemplate & { kind: 'WorkflowTemplate' })
  | (ClusterWorkflowTemplate & { kind: 'ClusterWorkflowTemplate' })
  | (CronWorkflow & { kind: 'CronWorkflow' });
