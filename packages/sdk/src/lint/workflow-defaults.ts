import { isObject, type Json, obj } from './json.js';

/**
 * The controller's `workflowDefaults` (its ConfigMap's `workflowDefaults` key): a partial Workflow the controller
 * merges under every workflow it runs. Declared in `sluice.config.ts` so the linter sees what the cluster adds —
 * labels and annotations that `{{workflow.labels.x}}` / `{{workflow.annotations.x}}` reference, default
 * arguments, `templateDefaults`, a service account, and so on.
 * @example
 * ```ts
 * import { defineConfig, type WorkflowDefaults } from '@sluice/sdk';
 *
 * const workflowDefaults: WorkflowDefaults = { metadata: { labels: { team: 'data' } }, spec: { serviceAccountName: 'etl' } };
 * export default defineConfig({ workflowDefaults });
 * ```
 */
export interface WorkflowDefaults {
  /** Labels and annotations the controller sets on every Workflow. */
  readonly metadata?: {
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  /** Spec fields the controller fills in where a workflow leaves them out (`spec.workflowMetadata`, …). */
  readonly spec?: Readonly<Record<string, unknown>>;
}

/** Objects merge key by key, the workflow's own value wins; arrays and scalars are taken whole. */
function merge(defaults: unknown, own: unknown): unknown {
  if (own === undefined || own === null) return defaults;
  if (!isObject(defaults) || !isObject(own)) return own;
  const merged: Json = { ...defaults };
  for (const [key, value] of Object.entries(own)) merged[key] = merge(defaults[key], value);
  return merged;
}

/**
 * The document as the controller runs it: `defaults` merged under its metadata and workflow spec (a CronWorkflow's
 * `spec.workflowSpec` and `spec.workflowMetadata`), the document's own values winning. Other kinds are returned as
 * they are.
 * @example
 * ```ts
 * import { withWorkflowDefaults } from '@sluice/sdk';
 *
 * const doc = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', spec: { entrypoint: 'main' } };
 * withWorkflowDefaults(doc, { spec: { serviceAccountName: 'etl' } }); // what the controller validates after merging them
 * ```
 */
export function withWorkflowDefaults(doc: Json, defaults: WorkflowDefaults): Json {
  const metadata = defaults.metadata ?? {};
  const spec = defaults.spec ?? {};
  switch (doc.kind) {
    case 'Workflow':
    case 'WorkflowTemplate':
    case 'ClusterWorkflowTemplate':
      return { ...doc, metadata: merge(metadata, doc.metadata), spec: merge(spec, doc.spec) };
    case 'CronWorkflow': {
      const cron = obj(doc.spec);
      return {
        ...doc,
        spec: {
          ...cron,
          workflowMetadata: merge(metadata, cron.workflowMetadata),
          workflowSpec: merge(spec, cron.workflowSpec),
        },
      };
    }
    default:
      return doc;
  }
}
