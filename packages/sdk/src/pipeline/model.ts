/**
 * The frozen definition a pipeline builder accumulates and the compilers read. Plain data: builders clone it.
 */
import type { z } from 'zod';
import type { PipelineOptions, StageOptions, TrainOptions, TransformOptions } from './options.js';

/**
 * The structural shape of a `defineStage()` result from `@sluice/runtime` that the pipeline layer reads.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import type { StageLike } from '@sluice/sdk';
 *
 * const stage: StageLike = defineStage({ name: 'extract', run() {} });
 * ```
 */
export interface StageLike {
  /** The stage name (kebab-case). */
  readonly name: string;
  /** The parameters' zod object schema; `undefined` when the stage declares none. */
  readonly params: z.ZodObject<z.ZodRawShape> | undefined;
  /** The outputs' zod object schema; `undefined` when the stage declares none. */
  readonly outputs: z.ZodObject<z.ZodRawShape> | undefined;
  /**
   * Where the stage is defined (set by `defineStage`): its module's path relative to the project directory decides
   * the command that starts it. Without it, the module is taken to be `stages/<name>.ts`.
   */
  readonly source?: { readonly file: string; readonly path: string } | undefined;
}

/** The role of a step: which seed phase it is. */
export type StepRole = 'extract' | 'validate' | 'transform' | 'load' | 'train' | 'stage';

/** Where a stage parameter's value comes from. */
export type Binding =
  | { readonly kind: 'output'; readonly task: string; readonly output: string }
  | { readonly kind: 'parameter'; readonly parameter: string }
  | { readonly kind: 'literal'; readonly value: string };

/**
 * One step of the pipeline.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract)
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * for (const step of etl.definition.steps) console.log(step.id, step.role, step.after);
 * ```
 */
export interface StepDefinition {
  /** DAG task and template name. */
  readonly id: string;
  /** Seed phase. */
  readonly role: StepRole;
  /** The stage run by the step; absent for a train step without a local stage. */
  readonly stage: StageLike | undefined;
  /** The stage run in place of a PyTorchJob by the local runner (train only). */
  readonly localStage: StageLike | undefined;
  /** Parameter bindings, by kebab-case parameter name. */
  readonly bindings: Readonly<Record<string, Binding>>;
  /** Tasks this step waits for. */
  readonly after: readonly string[];
  /** Options as given. */
  readonly options: StageOptions & TransformOptions;
  /** Train options (train only). */
  readonly train: TrainOptions | undefined;
}

/**
 * A pipeline's whole definition.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { kustomizeLayout, pipeline, type PipelineDefinition } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract)
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * const definition: PipelineDefinition = etl.definition;
 * const files = kustomizeLayout(definition);
 * ```
 */
export interface PipelineDefinition {
  /** The pipeline name: a DNS label of at most 40 characters (room for `-<execution-date>` and cron suffixes). */
  readonly name: string;
  /** Options as given. */
  readonly options: PipelineOptions;
  /** The steps, in the order they were added. */
  readonly steps: readonly StepDefinition[];
}

/**
 * An upstream output reference as handed to a binding function; its type parameter is the output's type.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { type OutputRef, pipeline } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract)
 *   .load(load, (up) => {
 *     const rawPath: OutputRef<string> = up.extract.rawPath; // the extract step's output, typed
 *     return { rawPath };
 *   });
 * ```
 */
export interface OutputRef<T> {
  /** Marks the object as a reference. */
  readonly kind: 'sluice.output-ref';
  /** The producing task. */
  readonly task: string;
  /** The output, kebab-case. */
  readonly output: string;
  /** Phantom: the output's type. Never set at runtime. */
  readonly __type?: T;
}

/** True when `value` is an {@link OutputRef}. */
export function isOutputRef(value: unknown): value is OutputRef<unknown> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'sluice.output-ref';
}
