import { LABELS } from '../pipeline/defaults.js';
import { obj, str } from './json.js';
import type { LintDocument } from './types.js';

/** The label value `pipeline()` stamps on every object it compiles, under `app.kubernetes.io/managed-by`. */
export const PIPELINE_MANAGER = 'sluice';

/**
 * True when a document was compiled from a `pipeline()`: its loader said so (`fromPipeline`), or it carries the
 * label the pipeline compiler puts on every object, `app.kubernetes.io/managed-by: sluice` — so a compiled
 * `deploy/` tree is recognised as well as the entry it came from.
 * @example
 * ```ts
 * import { isPipelineDocument, type LintDocument } from '@sluice/sdk';
 *
 * const doc: LintDocument = { source: 'deploy/base/workflow-template.yaml', doc: {}, fromPipeline: true };
 * isPipelineDocument(doc); // true: the policy rules apply to it by default
 * ```
 */
export function isPipelineDocument(document: LintDocument): boolean {
  if (document.fromPipeline === true) return true;
  const labels = obj(obj(obj(document.doc).metadata).labels);
  return str(labels[LABELS.managedBy]) === PIPELINE_MANAGER;
}

/**
 * Whether the policy rules run on a document: `policy: true` for every document, `policy: false` for none, and
 * when left out, for documents compiled from a pipeline only (so plain Argo workflows lint exactly as Argo does).
 */
export function policyApplies(policy: boolean | undefined, document: LintDocument): boolean {
  return policy ?? isPipelineDocument(document);
}
