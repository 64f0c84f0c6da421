import { PIPELINE_BRAND, type Pipeline } from './pipeline-builder.js';

/**
 * True when `value` is a pipeline built with `pipeline()` (what `workflow compile --out` looks for in an entry's
 * exports). It checks a registry-wide brand, not `instanceof`, so it also recognises a pipeline built by another
 * copy of `@sluice/sdk` (a CLI and a user's entry loaded separately).
 * @example
 * ```ts
 * import { isPipeline } from '@sluice/sdk';
 *
 * const entry = new URL('./pipeline.js', import.meta.url).href;
 * const exported: unknown = (await import(entry)).default;
 * if (isPipeline(exported)) console.log(exported.toObjects().length, 'objects');
 * ```
 */
export function isPipeline(
  value: unknown,
): value is Pipeline<Readonly<Record<string, string>>, Record<never, never>, 'start'> {
  return (
    typeof value === 'object' && value !== null && (value as { [PIPELINE_BRAND]?: unknown })[PIPELINE_BRAND] === true
  );
}
