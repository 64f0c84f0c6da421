import { INTERNAL } from './internal.js';
import { type AnyManifestBuilder, MODEL } from './manifest.js';
import type { AnyTemplateBuilder } from './node.js';

/**
 * Whether `value` is a Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow builder — also one made by
 * another copy of this package (e.g. a user's entry file loaded beside the CLI), where `instanceof` would say no.
 *
 * @example
 * ```ts
 * const builders = Object.values(await import(entry)).filter(isManifestBuilder);
 * fs.writeFileSync(out, toYaml(builders));
 * ```
 */
export function isManifestBuilder(value: unknown): value is AnyManifestBuilder {
  return typeof value === 'object' && value !== null && MODEL in value;
}

/** Whether `value` is a template builder (made by `container()`, `dag()`, …, or another copy of this package). */
export function isTemplateBuilder(value: unknown): value is AnyTemplateBuilder {
  return typeof value === 'object' && value !== null && INTERNAL in value;
}
