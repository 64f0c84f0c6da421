/**
 * @packageDocumentation
 * TypeScript types for the Argo Workflows API, generated from the upstream swagger spec, with friendly names for
 * the objects users meet (`Workflow`, `Template`, `DAGTask`, `Container`, …) and a runtime validator for the
 * workflow kinds generated from the upstream JSON schema. The root types are the newest release's (4.1); each
 * supported release has its own at `@sluice/argo-types/v3.5` … `/v4.1`, and the validator takes `argoVersion`.
 * The raw OpenAPI maps keyed as in the spec (`components`, `operations`, `paths`) are exported by those
 * per-release entries only, so the root stays the set of names a user meets.
 *
 * This example covers the generated types (`Workflow`, `Template`, `Container`, … one per upstream definition):
 * they are the Argo API's own shapes, documented from the upstream spec.
 *
 * @example
 * ```ts
 * import type { Container, Template, Workflow } from '@sluice/argo-types';
 * import type { Workflow as Workflow35 } from '@sluice/argo-types/v3.5';
 *
 * const hello: Container = { image: 'busybox:1.36', command: ['echo', 'hello'] };
 * const main: Template = { name: 'main', container: hello };
 * const workflow: Workflow = {
 *   apiVersion: 'argoproj.io/v1alpha1',
 *   kind: 'Workflow',
 *   metadata: { generateName: 'hello-' },
 *   spec: { entrypoint: 'main', templates: [main] },
 * };
 * // The shape an Argo 3.5 server accepts, from its own entry point:
 * const forArgo35: Workflow35 = { metadata: { generateName: 'hello-' }, spec: { entrypoint: 'main', templates: [] } };
 * ```
 */

export type * from './generated/v4.1/names.js';
export type { ArgoKind, ArgoManifest, Schema } from './manifest.js';
export type { ValidateOptions, ValidationIssue, ValidationResult } from './validate.js';
export { formatIssue, validateManifest, workflowKinds } from './validate.js';
export {
  type ArgoVersion,
  argoVersions,
  defaultArgoVersion,
  loadArgoSchema,
  parseArgoVersion,
} from './versions.js';
