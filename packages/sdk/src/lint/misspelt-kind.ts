import { editDistance } from '../model/did-you-mean.js';
import { type Json, str } from './json.js';

/** Argo's other kinds: `argo lint` skips these as it skips any foreign kind, so they are never "misspelt". */
const OTHER_ARGO_KINDS = [
  'WorkflowEventBinding',
  'WorkflowTaskSet',
  'WorkflowTaskResult',
  'WorkflowArtifactGCTask',
  'EventSource',
  'EventBus',
  'Sensor',
];

/**
 * The workflow kind a document most likely meant when its `kind` is not one: the same name in another case
 * (`workflow`, `cronworkflow`) whatever its apiVersion, or, for an `argoproj.io` document, a near miss
 * (`Workfow`, `WorkflowTemplates`). `undefined` for a valid kind and for genuinely foreign kinds (ConfigMap, …),
 * which `lint()` skips as `argo lint` does.
 *
 * @example
 * ```ts
 * intendedKind({ apiVersion: 'argoproj.io/v1alpha1', kind: 'cronworkflow' }, LINTED_KINDS); // 'CronWorkflow'
 * intendedKind({ apiVersion: 'v1', kind: 'ConfigMap' }, LINTED_KINDS); // undefined
 * ```
 */
export function intendedKind(doc: Json, kinds: readonly string[]): string | undefined {
  const kind = str(doc.kind);
  if (kind === '' || kinds.includes(kind) || OTHER_ARGO_KINDS.includes(kind)) return undefined;
  const sameName = kinds.find((k) => k.toLowerCase() === kind.toLowerCase());
  if (sameName !== undefined || !str(doc.apiVersion).startsWith('argoproj.io/')) return sameName;
  return kinds.find((k) => editDistance(k.toLowerCase(), kind.toLowerCase()) <= 2);
}
