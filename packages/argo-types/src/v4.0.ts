/**
 * @packageDocumentation
 * TypeScript types for the Argo Workflows 4.0 API, generated from that release's swagger spec, with the same
 * friendly names as the package root (`Workflow`, `Template`, `CronWorkflowSpec`, …).
 *
 * @example
 * ```ts
 * import type { CronWorkflowSpec } from '@sluice/argo-types/v4.0';
 * ```
 */

export type * from './generated/v4.0/names.js';
export type { components, operations, paths } from './generated/v4.0/openapi.js';
