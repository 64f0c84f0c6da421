import { Pipeline } from './pipeline-builder.js';

/** True when `value` is a pipeline built with `pipeline()` (what `workflow compile` looks for in an entry's exports). */
export function isPipeline(
  value: unknown,
): value is Pipeline<Readonly<Record<string, string>>, Record<never, never>, 'start'> {
  return value instanceof Pipeline;
}
