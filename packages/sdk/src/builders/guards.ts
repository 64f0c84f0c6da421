import { INTERNAL } from './internal.js';
import { type AnyManifestBuilder, MODEL } from './manifest.js';
import type { AnyTemplateBuilder } from './node.js';

/**
 * Whether `value` is a Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow builder — also one made by
 * another copy of this package (e.g. a user's entry file loaded beside the CLI), where `instanceof` would say no.
 * @example
 * ```ts
 * import fs from 'node:fs';
 * import { isManifestBuilder, toYaml } from '@sluice/sdk';
 *
 * const entry = new URL('./workflows.js', import.meta.url).href;
 * const builders = Object.values(await import(entry)).filter(isManifestBuilder);
 * fs.writeFileSync('out.yaml', toYaml(builders));
 * ```
 */
export function isManifestBuilder(value: unknown): value is AnyManifestBuilder {
  return typeof value === 'object' && value !== null && MODEL in value;
}

/**
 * Whether `value` is a template builder (made by `container()`, `dag()`, …, or another copy of this package).
 * @example
 * ```ts
 * import { container, isTemplateBuilder } from '@sluice/sdk';
 *
 * const exported: Record<string, unknown> = { hello: container({ name: 'hello', container: { image: 'busybox:1.36' } }), VERSION: '1' };
 * const templates = Object.values(exported).filter(isTemplateBuilder); // [ hello ]
 * ```
 */
export function isTemplateBuilder(value: unknown): value is AnyTemplateBuilder {
  return typeof value === 'object' && value !== null && INTERNAL in value;
}
