/**
 * @packageDocumentation
 * TypeScript types for the Argo Workflows v4.1 API, generated from the upstream swagger spec, with friendly names
 * for the objects users meet (`Workflow`, `Template`, `DAGTask`, `Container`, …) and a runtime validator for the
 * workflow kinds generated from the upstream JSON schema.
 */

export type * from './generated/names.js';
export type { components, operations, paths } from './generated/openapi.js';
export type { ArgoKind, ArgoManifest, Schema } from './manifest.js';
export type { ValidationIssue, ValidationResult } from './validate.js';
export { formatIssue, validateManifest, workflowKinds } from './validate.js';
