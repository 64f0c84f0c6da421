import type { z } from 'zod';
import { describeSchemaType, describeValueType, wrongTypeMessage } from './binding-types.js';
import {
  type CompiledPipeline,
  type CompilePipelineOptions,
  compiledObjects,
  compilePipeline,
  type KubernetesObject,
} from './compile.js';
import { assertPinnedImage, PipelineError } from './image.js';
import { kustomizeLayout, type LayoutFile } from './kustomize.js';
import {
  type Binding,
  isOutputRef,
  type OutputRef,
  type PipelineDefinition,
  type StageLike,
  type StepDefinition,
  type StepRole,
} from './model.js';
import { type CamelCase, isDnsLabel, toCamelCase, toKebabCase } from './names.js';
import type { PipelineOptions, StageOptions, TrainOptions, TransformOptions } from './options.js';
import { guardUpstream } from './upstream-guard.js';

/** The registry-wide symbol that marks a {@link Pipeline}. */
export const PIPELINE_BRAND: unique symbol = Symbol.for('sluice.pipeline');

/**
 * Upstream outputs known to the builder: camelCase task id → output name → type.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline, type Upstream, type UpstreamRefs } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * // The outputs of the steps so far, by step id: what a binding function's `up` refers to.
 * const stepsSoFar = <U extends Upstream>(up: UpstreamRefs<U>): string[] => Object.keys(up);
 * const bindRawPath = (up: UpstreamRefs<{ extract: { rawPath: string } }>) => {
 *   console.log(stepsSoFar(up)); // [ 'extract' ]
 *   return { rawPath: up.extract.rawPath };
 * };
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' }).extract(extract).load(load, bindRawPath);
 * ```
 */
export type Upstream = Record<string, Record<string, unknown>>;

/**
 * What a binding function receives: each upstream task's outputs as typed references.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline, type UpstreamRefs } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract)
 *   .load(load, (up: UpstreamRefs<{ extract: { rawPath: string } }>) => ({ rawPath: up.extract.rawPath }));
 * ```
 */
export type UpstreamRefs<U extends Upstream> = {
  readonly [T in keyof U]: { readonly [O in keyof U[T]]-?: OutputRef<U[T][O]> };
};

/**
 * `T` without index signatures. zod types an empty object schema (a stage without `params` or `outputs`) as
 * `Record<string, never>`; read literally, its `string` key would be a parameter nobody binds, and an output under
 * every name downstream.
 */
type KnownKeys<T> = { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
type ParamsIn<S extends StageLike> = KnownKeys<z.input<NonNullable<S['params']>>>;
type OutputsOf<S extends StageLike> = KnownKeys<z.output<NonNullable<S['outputs']>>>;

/**
 * What a binding function may return: for each stage parameter, an upstream reference of its type or a value.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import type { Bindings } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string(), batch: z.number() }), run() {} });
 * const fixed: Bindings<typeof load> = { rawPath: '/lake/raw', batch: 500 };
 * ```
 */
export type Bindings<S extends StageLike> = {
  readonly [K in keyof ParamsIn<S>]?: OutputRef<ParamsIn<S>[K]> | ParamsIn<S>[K];
};

type RequiredKeys<T> = { [K in keyof T]-?: undefined extends T[K] ? never : K }[keyof T];
type AvailableNames<U extends Upstream, P> = { [T in keyof U]: keyof U[T] }[keyof U] | keyof P;

/**
 * A readable type error: the stage argument must carry this property, which it never does.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline, type WiringError } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 * // Nothing upstream provides rawPath, so the type of this call's options is a WiringError that says so:
 * // @ts-expect-error stage "load": parameter rawPath is not bound …
 * pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' }).load(load);
 * type Shown = WiringError<'stage "load": parameter rawPath is not bound'>;
 * ```
 */
export interface WiringError<Message extends string> {
  readonly 'sluice: wiring error': Message;
}

/**
 * A binding function: the upstream tasks' outputs in (`up.<task>.<output>`, camelCase), the stage's parameters out.
 * Neither the returned keys nor their values are checked here but by {@link CheckWired}, so that a misspelt key or a
 * value of the wrong type gets its sentence-style error (against `Bindings<S>`, whose keys are all optional,
 * TypeScript would report only that the object has no properties in common with it, or a long assignability chain).
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import type { BindingFunction } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const checkTable = defineStage({ name: 'check-table', params: z.object({ customerTable: z.string() }), run() {} });
 * const bind: BindingFunction<{ extract: { rawPath: string } }, typeof checkTable> = (up) => ({
 *   customerTable: up.extract.rawPath,
 * });
 * ```
 */
export type BindingFunction<U extends Upstream, S extends StageLike> = (
  up: UpstreamRefs<U>,
) => { readonly [K in keyof ParamsIn<S>]?: unknown } & Readonly<Record<string, unknown>>;

/**
 * What follows the stage in `.extract()`, `.validate()`, `.transform()`, `.load()` and `.stage()`: nothing, options,
 * or a binding function and optional options. A tuple, so the builder sees which one a call passed.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { type StageArgs, type StageOptions } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * // The three forms of what follows the stage in `.load(load, …)`:
 * type LoadArgs = StageArgs<{ extract: { rawPath: string } }, typeof load, StageOptions>;
 * const nothing: LoadArgs = [];
 * const optionsOnly: LoadArgs = [{ memoryPeak: '1Gi' }];
 * const bound: LoadArgs = [(up) => ({ rawPath: up.extract.rawPath }), { memoryPeak: '1Gi' }];
 * ```
 */
export type StageArgs<U extends Upstream, S extends StageLike, O> =
  | readonly []
  | readonly [options: O]
  | readonly [bind: BindingFunction<U, S>, options?: O];

/**
 * The keys a call's binding function returns (none without one), or `never` while the call's arguments are not
 * inferred yet: TypeScript types the other arguments before a binding function `(up) => …`, and meanwhile sees the
 * whole of `All`. The wiring check waits for the real return type.
 */
type BoundBy<A, All> = All extends A
  ? never
  : A extends readonly [(...args: never[]) => infer R, ...unknown[]]
    ? R
    : Record<never, never>;

/**
 * What follows the options of `.train()`: nothing, or a binding function for its `local` stage.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import type { TrainArgs } from '@sluice/sdk';
 *
 * const train = defineStage({ name: 'train', run() {} });
 * const noBinding: TrainArgs<{ features: { path: string } }, typeof train> = [];
 * ```
 */
export type TrainArgs<U extends Upstream, S extends StageLike> = readonly [] | readonly [bind: BindingFunction<U, S>];

/** The options a call passed after the stage (or after its binding function). */
type OptionsIn<A> = A extends readonly [(...args: never[]) => unknown, infer O]
  ? O
  : A extends readonly [infer O]
    ? O extends (...args: never[]) => unknown
      ? Record<never, never>
      : O
    : Record<never, never>;

type Joined<K> = K extends string ? K : never;

/** A type in the words of the build-time check (`describeSchemaType`): `string`, `number`, `number[]`, … */
type Describe<T> = [T] extends [string]
  ? 'string'
  : [T] extends [number]
    ? 'number'
    : [T] extends [boolean]
      ? 'boolean'
      : [T] extends [bigint]
        ? 'bigint'
        : [T] extends [readonly (infer E)[]]
          ? `${Describe<E>}[]`
          : 'value';

/** What a bound value carries: an output reference's type, else the value's own. */
type BoundType<V> = V extends OutputRef<infer T> ? T : V;

/** The first returned key whose value does not fit its parameter's type, as `[key, expected, actual]`, else `never`. */
type WrongTypes<S extends StageLike, B> = {
  [K in keyof B & keyof ParamsIn<S>]: [BoundType<B[K]>] extends [ParamsIn<S>[K] | undefined]
    ? never
    : [K, Describe<NonNullable<ParamsIn<S>[K]>>, Describe<BoundType<B[K]>>];
}[keyof B & keyof ParamsIn<S>];

/**
 * `unknown` when the binding `B` (a binding function's return type) fits stage `S`: it returns only parameters of
 * `S`, each of its type, and every required parameter of `S` is bound by it, produced upstream under its name or a pipeline
 * parameter. Otherwise a {@link WiringError} whose message says what is wrong.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import type { CheckWired } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 * // Bound through the upstream's rawPath: no error, the check is .
 * type Ok = CheckWired<typeof load, { extract: { rawPath: string } }, {}, { rawPath: string }>;
 * const ok: Ok = 'any value';
 * ```
 */
export type CheckWired<S extends StageLike, U extends Upstream, P, B> = [B] extends [never]
  ? unknown
  : Exclude<keyof B, keyof ParamsIn<S>> extends infer Extra
    ? [Extra] extends [never]
      ? Exclude<RequiredKeys<ParamsIn<S>>, AvailableNames<U, P> | keyof B> extends infer Missing
        ? [Missing] extends [never]
          ? WrongTypes<S, B> extends infer Wrong
            ? [Wrong] extends [never]
              ? unknown
              : Wrong extends [infer K extends string, infer Expected extends string, infer Actual extends string]
                ? WiringError<`stage "${S['name']}": parameter ${K} takes a ${Expected} but is bound to a ${Actual}; bind an upstream output or a value of type ${Expected}`>
                : unknown
            : unknown
          : WiringError<`stage "${S['name']}": parameter ${Joined<Missing>} is produced by no upstream stage and not bound; declare it upstream or map it with (up) => ({ ${Joined<Missing>}: up.<task>.<output> })`>
        : unknown
      : WiringError<`stage "${S['name']}": the binding function returns ${Joined<Extra>}, which is not a parameter of the stage; return only keys of its params schema`>
    : unknown;

/** The sentence for `.load()` straight after `.transform()`, at build time and in the types. */
type LoadAfterTransform =
  'load straight after transform skips the feature gate; add .validate(<feature checks>) before .load()';
/** The sentence for `.train()` before `.load()`, at build time and in the types. */
type TrainBeforeLoad = 'train runs only after load succeeded; add .load(<stage>) before .train()';

/**
 * `unknown` when a stage method may be called where the chain is (`Allowed`), else a {@link WiringError} with the
 * fix, so that TypeScript's message leads with it rather than with two builder types that differ in their phase.
 * @example
 * ```ts
 * import type { CheckOrder } from '@sluice/sdk';
 *
 * type Allowed = CheckOrder<true, 'train() comes after transform()'>; // unknown: nothing to report
 * const fine: Allowed = {};
 * ```
 */
export type CheckOrder<Allowed extends boolean, Message extends string> = Allowed extends true
  ? unknown
  : WiringError<Message>;

type Fanned<O> = { [K in keyof O]: O[K][] };
type AddUp<U extends Upstream, Id extends string, O> = U & { [K in CamelCase<Id>]: O };
type IdIn<A, Default extends string> = OptionsIn<A> extends { readonly id: infer Id extends string } ? Id : Default;

/**
 * Where the pipeline is: gates between transform and load are enforced by the types.
 * @example
 * ```ts
 * import type { Phase } from '@sluice/sdk';
 *
 * const order: Phase[] = ['start', 'transformed', 'validated', 'loaded'];
 * ```
 */
export type Phase = 'start' | 'transformed' | 'validated' | 'loaded';

/**
 * An immutable pipeline builder: every method returns a new builder with one more step. See {@link pipeline}.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline, type Pipeline } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const load = defineStage({ name: 'load', params: z.object({ rawPath: z.string() }), run() {} });
 *
 * const etl = pipeline('etl', { image: 'registry.example.com/data/etl:1.0.0', namespace: 'data' })
 *   .extract(extract)
 *   .load(load, (up) => ({ rawPath: up.extract.rawPath }));
 * const objects = etl.toObjects(); // WorkflowTemplate, CronWorkflow (with a schedule), NetworkPolicies, …
 * const layout = etl.toKustomize();
 * // Any pipeline, whatever its steps, as a tool that compiles one takes it:
 * const manifestsOf = (p: Pipeline<Readonly<Record<string, string>>, Record<never, never>, 'start'>) => p.toManifests();
 * export default etl;
 * ```
 */
export class Pipeline<P extends Readonly<Record<string, string>>, U extends Upstream, Ph extends Phase> {
  readonly #definition: PipelineDefinition;

  /** Brands pipelines across copies of this module (a CLI and a user's entry may load separate ones). */
  readonly [PIPELINE_BRAND] = true;

  /** @internal use {@link pipeline}. */
  constructor(definition: PipelineDefinition) {
    this.#definition = Object.freeze(definition);
  }

  /** The frozen definition the compilers read. */
  get definition(): PipelineDefinition {
    return this.#definition;
  }

  /** The pipeline name. */
  get name(): string {
    return this.#definition.name;
  }

  /** Where the chain is: `start`, `transformed`, `validated` (a gate after transform) or `loaded`. */
  get phase(): Ph {
    // The type parameter tracks the same value the definition holds.
    return this.#phase() as Ph;
  }

  /**
   * Compiles to a WorkflowTemplate, a CronWorkflow (with a schedule), a one-off Workflow (with an execution date)
   * and the companion manifests.
   */
  compile(options: CompilePipelineOptions = {}): CompiledPipeline {
    return compilePipeline(this.#definition, options);
  }

  /** Every compiled object in apply order (see {@link compiledObjects}). */
  toObjects(options: CompilePipelineOptions = {}): KubernetesObject[] {
    return compiledObjects(compilePipeline(this.#definition, options));
  }

  /**
   * What `workflow compile` and `workflow run --local` read: the companions, the WorkflowTemplate and the
   * CronWorkflow (a one-off Workflow needs a date: {@link Pipeline.toObjects} with `executionDate`).
   */
  toManifests(options: Pick<CompilePipelineOptions, 'argoVersion'> = {}): KubernetesObject[] {
    return compiledObjects(compilePipeline(this.#definition, options));
  }

  /** The Kustomize base and overlays for `workflow compile --out <dir>` (see {@link kustomizeLayout}). */
  toKustomize(): LayoutFile[] {
    return kustomizeLayout(this.#definition);
  }

  /**
   * Extract: the first phase. Task id `extract` unless `id` is given. After the stage: options, or a binding
   * function `(up) => ({ param: up.<task>.<output> })` and options.
   */
  extract<S extends StageLike, const A extends StageArgs<U, S, StageOptions>>(
    stage: S & CheckWired<S, U, P, BoundBy<A, StageArgs<U, S, StageOptions>>>,
    ...args: A
  ): Pipeline<P, AddUp<U, IdIn<A, 'extract'>, OutputsOf<S>>, Ph> {
    return this.#add('extract', 'extract', stage, args);
  }

  /** A validation gate: `validate-raw` before transform, `validate-features` after it. Load requires the latter. */
  validate<S extends StageLike, const A extends StageArgs<U, S, StageOptions>>(
    stage: S & CheckWired<S, U, P, BoundBy<A, StageArgs<U, S, StageOptions>>>,
    ...args: A
  ): Pipeline<
    P,
    AddUp<U, IdIn<A, Ph extends 'transformed' ? 'validate-features' : 'validate-raw'>, OutputsOf<S>>,
    Ph extends 'transformed' ? 'validated' : Ph
  > {
    const transformed = this.#phase() === 'transformed';
    return this.#add('validate', transformed ? 'validate-features' : 'validate-raw', stage, args);
  }

  /** Transform, fanned out over `parallel` partitions (an Argo loop, or an Indexed Job with `as: 'indexed-job'`). */
  transform<S extends StageLike, const A extends StageArgs<U, S, TransformOptions>>(
    stage: S & CheckWired<S, U, P, BoundBy<A, StageArgs<U, S, TransformOptions>>>,
    ...args: A
  ): Pipeline<
    P,
    AddUp<
      U,
      IdIn<A, 'transform'>,
      OptionsIn<A> extends { readonly as: 'indexed-job' }
        ? Record<never, never>
        : OptionsIn<A> extends { readonly parallel: number }
          ? Fanned<OutputsOf<S>>
          : OutputsOf<S>
    >,
    'transformed'
  > {
    return this.#add('transform', 'transform', stage, args);
  }

  /** Load: writes the validated features atomically. Only after a feature validation gate (never straight from transform). */
  load<S extends StageLike, const A extends StageArgs<U, S, StageOptions>>(
    stage: S &
      CheckWired<S, U, P, BoundBy<A, StageArgs<U, S, StageOptions>>> &
      CheckOrder<Ph extends 'transformed' ? false : true, LoadAfterTransform>,
    ...args: A
  ): Pipeline<P, AddUp<U, IdIn<A, 'load'>, OutputsOf<S>>, 'loaded'> {
    return this.#add('load', 'load', stage, args);
  }

  /**
   * Train: a Kubeflow PyTorchJob on the GPU pool, only after load succeeded. `local` is the stage the local runner
   * runs instead; its parameters (e.g. `datasetVersion`) are wired like any stage's, by an optional binding function.
   */
  train<S extends StageLike, A extends TrainArgs<U, S>, const Id extends string = 'train'>(
    options: TrainOptions<Id> & { readonly local?: S & CheckWired<S, U, P, BoundBy<A, TrainArgs<U, S>>> } & CheckOrder<
        Ph extends 'loaded' ? true : false,
        TrainBeforeLoad
      >,
    ...args: A
  ): Pipeline<P, U, 'loaded'> {
    const { local, ...train } = options;
    return this.#push('train', train.id ?? 'train', local, args[0], {}, train);
  }

  /** Any other stage, in chain order. Task id: the stage name unless `id` is given. */
  stage<S extends StageLike, const A extends StageArgs<U, S, StageOptions>>(
    stage: S & CheckWired<S, U, P, BoundBy<A, StageArgs<U, S, StageOptions>>>,
    ...args: A
  ): Pipeline<P, AddUp<U, IdIn<A, S['name']>, OutputsOf<S>>, Ph> {
    return this.#add('stage', stage.name, stage, args);
  }

  #phase(): Phase {
    let phase: Phase = 'start';
    for (const step of this.#definition.steps) {
      if (step.role === 'transform') phase = 'transformed';
      else if (step.role === 'validate' && phase === 'transformed') phase = 'validated';
      else if (step.role === 'load') phase = 'loaded';
    }
    return phase;
  }

  #add<R>(role: StepRole, defaultId: string, stage: StageLike, args: readonly unknown[]): R {
    const [first, second] = args;
    const opts = (typeof first === 'function' ? second : first) ?? {};
    const fn = typeof first === 'function' ? first : undefined;
    return this.#push<R>(role, (opts as StageOptions).id ?? defaultId, stage, fn, opts as StageOptions, undefined);
  }

  #push<R>(
    role: StepRole,
    id: string,
    stage: StageLike | undefined,
    bind: unknown,
    options: StageOptions,
    train: TrainOptions | undefined,
  ): R {
    const name = this.#definition.name;
    const where = `${name} › ${id}`;
    if (!isDnsLabel(id))
      throw new PipelineError(`${where}: id "${id}" must be a lower-case DNS label (e.g. build-features)`);
    const image = train?.image ?? options.image;
    if (image !== undefined) assertPinnedImage(image, where);
    const steps = this.#definition.steps;
    if (steps.some((s) => s.id === id))
      throw new PipelineError(
        `${where}: a step with id "${id}" already exists; give this one another id ({ id: '…' })`,
      );
    const phase = this.#phase();
    if (role === 'load' && phase === 'transformed')
      throw new PipelineError(
        `${where}: ${'load straight after transform skips the feature gate; add .validate(<feature checks>) before .load()' satisfies LoadAfterTransform}`,
      );
    if (role === 'train' && phase !== 'loaded')
      throw new PipelineError(
        `${where}: ${'train runs only after load succeeded; add .load(<stage>) before .train()' satisfies TrainBeforeLoad}`,
      );
    const bindings = stage === undefined ? {} : bindStage(where, this.#definition, stage, bind);
    const previous = steps.at(-1);
    const step: StepDefinition = {
      id,
      role,
      stage: role === 'train' ? undefined : stage,
      localStage: role === 'train' ? stage : undefined,
      bindings,
      after: previous === undefined ? [] : [previous.id],
      options,
      train,
    };
    // The builder's type parameters are phantom (they type the methods only): re-typing the new builder is safe.
    return new Pipeline({ ...this.#definition, steps: [...steps, step] }) as unknown as R;
  }
}

function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

/** Builds the `up` object: every upstream task's outputs as references. */
function upstreamRefs(definition: PipelineDefinition): Record<string, Record<string, OutputRef<unknown>>> {
  const up: Record<string, Record<string, OutputRef<unknown>>> = {};
  for (const step of definition.steps) {
    const outputs: Record<string, OutputRef<unknown>> = {};
    const hasOutputs = step.stage !== undefined && step.options.as !== 'indexed-job';
    for (const key of hasOutputs && step.stage ? Object.keys(step.stage.outputs?.shape ?? {}) : [])
      outputs[key] = { kind: 'sluice.output-ref', task: step.id, output: toKebabCase(key) };
    up[toCamelCase(step.id)] = outputs;
  }
  return up;
}

/** The type an upstream output reference carries: the output's schema, a list of it when the step fans out. */
function outputRefType(definition: PipelineDefinition, ref: OutputRef<unknown>): string | undefined {
  const producer = definition.steps.find((s) => s.id === ref.task);
  if (producer?.stage === undefined) return undefined;
  const outputs = (producer.stage.outputs?.shape ?? {}) as Record<string, z.ZodType>;
  const key = Object.keys(outputs).find((k) => toKebabCase(k) === ref.output);
  const type = key === undefined ? undefined : describeSchemaType(outputs[key] as z.ZodType);
  const fanned = producer.role === 'transform' && typeof producer.options.parallel === 'number';
  return type === undefined ? undefined : fanned ? `${type}[]` : type;
}

/** Rejects a bound value whose type differs from the parameter's, as `tsc` does for TypeScript callers. */
function checkBoundType(
  where: string,
  definition: PipelineDefinition,
  stage: StageLike,
  key: string,
  schema: z.ZodType,
  value: unknown,
): void {
  if (value === undefined) return;
  const expected = describeSchemaType(schema);
  const actual = isOutputRef(value) ? outputRefType(definition, value) : describeValueType(value);
  if (expected !== undefined && actual !== undefined && expected !== actual)
    throw new PipelineError(`${where}: ${wrongTypeMessage(stage.name, key, expected, actual)}`);
}

/** Resolves where each parameter of `stage` comes from: the binding function, a pipeline parameter, or upstream by name. */
function bindStage(
  where: string,
  definition: PipelineDefinition,
  stage: StageLike,
  bind: unknown,
): Record<string, Binding> {
  const up = upstreamRefs(definition);
  const explicit: Record<string, unknown> =
    typeof bind === 'function'
      ? ((bind as (u: typeof up) => Record<string, unknown>)(guardUpstream(where, up)) ?? {})
      : {};
  const shape = (stage.params?.shape ?? {}) as Record<string, z.ZodType>;
  const params = definition.options.parameters ?? {};
  const bindings: Record<string, Binding> = {};
  for (const key of Object.keys(explicit)) {
    if (!(key in shape))
      throw new PipelineError(
        `${where}: binds ${key}, which stage ${stage.name} does not take; it takes: ${Object.keys(shape).join(', ') || 'nothing'}`,
      );
  }
  for (const [key, schema] of Object.entries(shape)) {
    const name = toKebabCase(key);
    const value = explicit[key];
    checkBoundType(where, definition, stage, key, schema, value);
    if (isOutputRef(value)) bindings[name] = { kind: 'output', task: value.task, output: value.output };
    else if (value !== undefined)
      bindings[name] = { kind: 'literal', value: typeof value === 'string' ? value : JSON.stringify(value) };
    else if (key in params) bindings[name] = { kind: 'parameter', parameter: name };
    else {
      const producer = [...definition.steps].reverse().find((s) => key in (up[toCamelCase(s.id)] ?? {}));
      if (producer !== undefined) bindings[name] = { kind: 'output', task: producer.id, output: name };
      else if (!isOptional(schema)) {
        const declared = definition.steps
          .map((s) => `${s.id} (${Object.keys(up[toCamelCase(s.id)] ?? {}).join(', ') || 'no outputs'})`)
          .join('; ');
        throw new PipelineError(
          `${where}: parameter ${key} of stage ${stage.name} is produced by no upstream stage and not bound. Upstream declares: ${declared || 'nothing'}`,
        );
      }
    }
  }
  return bindings;
}

/**
 * Starts an ML pipeline: chain `.extract()`, `.validate()`, `.transform()`, `.validate()`, `.load()` and `.train()`
 * with stages defined by `defineStage`. Each stage's parameters are wired from upstream outputs of the same name,
 * pipeline parameters, or an explicit `(up) => ({ … })`; a reference to an output nobody declares is a type error.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { pipeline } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rawPath: z.string() }), run: () => ({ rawPath: '/tmp/raw' }) });
 * const validateRaw = defineStage({ name: 'validate-raw', params: z.object({ rawPath: z.string() }), run() {} });
 * const buildFeatures = defineStage({ name: 'build-features', run() {} });
 * const validateFeatures = defineStage({ name: 'validate-features', run() {} });
 * const load = defineStage({ name: 'load', run() {} });
 * export default pipeline('customer-features', {
 *   image: 'registry.example.com/ml/customer-features:1.4.2',
 *   namespace: 'ml-data-pipelines',
 *   schedule: { cron: '0 2 * * *' },
 * })
 *   .extract(extract, { secrets: ['pg-credentials'], egress: ['postgres:5432'] })
 *   .validate(validateRaw, (up) => ({ rawPath: up.extract.rawPath }))
 *   .transform(buildFeatures, { parallel: 16, memoryPeak: '6Gi' })
 *   .validate(validateFeatures)
 *   .load(load);
 * ```
 */
export function pipeline<const P extends Readonly<Record<string, string>> = Record<never, never>>(
  name: string,
  options: PipelineOptions<P>,
): Pipeline<P, Record<never, never>, 'start'> {
  if (!isDnsLabel(name, 40))
    throw new PipelineError(
      `pipeline "${name}": the name must be a lower-case DNS label of at most 40 characters (it prefixes every object), e.g. customer-features`,
    );
  assertPinnedImage(options.image, `pipeline ${name}`);
  return new Pipeline({ name, options, steps: [] });
}
