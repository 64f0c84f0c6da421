/**
 * @packageDocumentation
 * TypeScript types for the Argo Workflows 3.6 API, generated from that release's swagger spec, with the same
 * friendly names as the package root (`Workflow`, `Template`, `CronWorkflowSpec`, …).
 *
 * @example
 * ```ts
 * import type { CronWorkflowSpec } from '@sluice/argo-types/v3.6';
 * ```
 */

export type * from './generated/v3.6/names.js';
export type { components, operations, paths } from './generated/v3.6/openapi.js';
