/**
 * @packageDocumentation
 * TypeScript types for the Argo Workflows API, generated from the upstream swagger spec, with friendly names for
 * the objects users meet (`Workflow`, `Template`, `DAGTask`, `Container`, …) and a runtime validator for the
 * workflow kinds generated from the upstream JSON schema. The root types are the newest release's (4.1); each
 * supported release has its own at `@sluice/argo-types/v3.5` … `/v4.1`, and the validator takes `argoVersion`.
 * The raw OpenAPI maps keyed as in the spec (`components`, `operations`, `paths`) are exported by those
 * per-release entries only, so the root stays the set of names a user meets.
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
