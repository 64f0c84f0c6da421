import type { Artifact, Parameter, Template } from '@sluice/argo-types';

/**
 * A parameter declared under a TypeScript key: any field of Argo's `Parameter` except `name`, which defaults to the
 * key in kebab-case (see `argoName`). Give `name` to keep another spelling.
 * @example
 * ```ts
 * import { container, type ParameterSpec } from '@sluice/sdk';
 *
 * const batchSize: ParameterSpec = { default: '500', description: 'rows per insert' };
 * const load = container({ name: 'load', inputs: { parameters: { batchSize } }, container: { image: 'busybox:1.36' } });
 * // inputs.parameters: [{ name: batch-size, default: '500', description: rows per insert }]
 * ```
 */
export type ParameterSpec = Omit<Parameter, 'name' | 'default' | 'value' | 'enum'> & {
  name?: string;
  /** The value when none is passed; a number or boolean is written as a string, as in arguments. */
  default?: ParameterScalar;
  /** The value; a number or boolean is written as a string. */
  value?: ParameterScalar;
  /** The values it may take; numbers and booleans are written as strings. */
  enum?: readonly ParameterScalar[];
};

/**
 * What a parameter's `value`, `default` or `enum` entries may be: Argo keeps them as strings.
 * @example
 * ```ts
 * import { container, type ParameterScalar } from '@sluice/sdk';
 *
 * const batch: ParameterScalar = 500; // written as '500'
 * const load = container({ name: 'load', inputs: { parameters: { batch: { default: batch } } }, container: { image: 'busybox:1.36' } });
 * ```
 */
export type ParameterScalar = string | number | boolean;

/**
 * An artifact declared under a TypeScript key: any field of Argo's `Artifact`; `name` defaults as for parameters.
 * @example
 * ```ts
 * import { type ArtifactSpec, container } from '@sluice/sdk';
 *
 * const model: ArtifactSpec = { path: '/tmp/model.onnx', archive: { none: {} } };
 * const train = container({ name: 'train', outputs: { artifacts: { model } }, container: { image: 'busybox:1.36' } });
 * ```
 */
export type ArtifactSpec = Omit<Artifact, 'name'> & { name?: string };

/**
 * A template's declared inputs, keyed by their TypeScript names.
 * @example
 * ```ts
 * import { container, type InputsSpec } from '@sluice/sdk';
 *
 * const inputs = { parameters: { day: {} }, artifacts: { raw: { path: '/tmp/raw.csv' } } } satisfies InputsSpec;
 * const clean = container({ name: 'clean', inputs, container: { image: 'busybox:1.36' } });
 * ```
 */
export interface InputsSpec {
  /** Input parameters; one without `default`, `value` or `valueFrom` is required in every task's arguments. */
  parameters?: Record<string, ParameterSpec>;
  /** Input artifacts; one without `optional: true` or a location (`from`, `raw`, `s3`, …) is required. */
  artifacts?: Record<string, ArtifactSpec>;
}

/**
 * A template's declared outputs, keyed by their TypeScript names.
 * @example
 * ```ts
 * import { container, type OutputsSpec } from '@sluice/sdk';
 *
 * const outputs = { parameters: { rows: { valueFrom: { path: '/tmp/rows' } } } } satisfies OutputsSpec;
 * const count = container({ name: 'count', outputs, container: { image: 'busybox:1.36' } });
 * ```
 */
export interface OutputsSpec {
  /** Output parameters, readable from a task handle as `handle.outputs.parameters.<key>`. */
  parameters?: Record<string, ParameterSpec>;
  /** Output artifacts, readable from a task handle as `handle.outputs.artifacts.<key>`. */
  artifacts?: Record<string, ArtifactSpec>;
  /** Argo's `outputs.result` (normally set by Argo, rarely declared). */
  result?: string;
  /** Argo's `outputs.exitCode` (normally set by Argo, rarely declared). */
  exitCode?: string;
}

/**
 * The inputs of a template whose declarations the types cannot see (read from YAML, or named by a string).
 * @example
 * ```ts
 * import { fromTemplate, type InputsOf, type UntypedInputs } from '@sluice/sdk';
 *
 * const legacy = fromTemplate({ name: 'legacy', container: { image: 'busybox:1.36' } });
 * const inputs: InputsOf<typeof legacy> extends UntypedInputs ? true : false = true; // read from a plain template: untyped
 * ```
 */
export interface UntypedInputs {
  parameters: Record<string, ParameterSpec & { default: string }>;
  artifacts: Record<string, ArtifactSpec & { optional: true }>;
}

/**
 * The outputs of a template whose declarations the types cannot see.
 * @example
 * ```ts
 * import { dag, type TaskHandle, type UntypedOutputs } from '@sluice/sdk';
 *
 * const main = dag('main', (d) => {
 *   const byName: TaskHandle<'legacy', UntypedOutputs> = d.task('legacy', 'legacy-template');
 *   byName.outputs.parameters.anything; // '{{tasks.legacy.outputs.parameters.anything}}'
 * });
 * ```
 */
export interface UntypedOutputs {
  parameters: Record<string, ParameterSpec>;
  artifacts: Record<string, ArtifactSpec>;
}

/**
 * The ten kinds of Argo template.
 * @example
 * ```ts
 * import { type TemplateKind } from '@sluice/sdk';
 *
 * const kinds: TemplateKind[] = ['container', 'script', 'dag', 'steps'];
 * ```
 */
export type TemplateKind =
  | 'container'
  | 'script'
  | 'resource'
  | 'suspend'
  | 'http'
  | 'containerSet'
  | 'data'
  | 'plugin'
  | 'dag'
  | 'steps';

/**
 * The template kinds whose body is a plain Argo object (all but `dag` and `steps`).
 * @example
 * ```ts
 * import { container, type LeafKind, type TemplateBody } from '@sluice/sdk';
 *
 * const kind: LeafKind = 'container';
 * const body: TemplateBody<typeof kind> = { image: 'busybox:1.36' };
 * const t = container({ name: 't', container: body });
 * ```
 */
export type LeafKind = Exclude<TemplateKind, 'dag' | 'steps'>;

/**
 * Argo `Template` fields every template builder accepts beside its body, `name`, `inputs` and `outputs`.
 * @example
 * ```ts
 * import { container, type TemplateFields } from '@sluice/sdk';
 *
 * const small: TemplateFields = { activeDeadlineSeconds: 600, nodeSelector: { pool: 'batch' } };
 * const step = container({ name: 'step', container: { image: 'busybox:1.36' } }).set(small);
 * ```
 */
export type TemplateFields = Omit<Template, 'name' | 'inputs' | 'outputs' | TemplateKind>;

/**
 * Flattens an intersection for readable hover text and error messages.
 * @example
 * ```ts
 * import type { Simplify } from '@sluice/sdk';
 *
 * type Labels = Simplify<{ team: string } & { costCenter: string }>; // { team: string; costCenter: string }
 * const labels: Labels = { team: 'data', costCenter: 'cc-100' };
 * ```
 */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

type Rec<T> = T extends Record<string, unknown> ? T : Record<never, never>;

/**
 * The declared input parameters of `I`.
 * @example
 * ```ts
 * import { container, type InParams, type InputsOf } from '@sluice/sdk';
 *
 * const load = container({ name: 'load', inputs: { parameters: { day: {}, batchSize: { default: '500' } } }, container: { image: 'busybox:1.36' } });
 * type Params = keyof InParams<InputsOf<typeof load>>; // 'day' | 'batchSize'
 * const names: Params[] = ['day', 'batchSize'];
 * ```
 */
export type InParams<I> = I extends { parameters: infer P } ? Rec<P> : Record<never, never>;
/**
 * The declared input artifacts of `I`.
 * @example
 * ```ts
 * import { container, type InArtifacts, type InputsOf } from '@sluice/sdk';
 *
 * const clean = container({ name: 'clean', inputs: { artifacts: { raw: { path: '/tmp/raw.csv' } } }, container: { image: 'busybox:1.36' } });
 * type Artifacts = keyof InArtifacts<InputsOf<typeof clean>>; // 'raw'
 * const name: Artifacts = 'raw';
 * ```
 */
export type InArtifacts<I> = I extends { artifacts: infer A } ? Rec<A> : Record<never, never>;
/**
 * The declared output parameters of `O`.
 * @example
 * ```ts
 * import { container, type OutParams, type OutputsOf } from '@sluice/sdk';
 *
 * const count = container({ name: 'count', outputs: { parameters: { rows: { valueFrom: { path: '/tmp/rows' } } } }, container: { image: 'busybox:1.36' } });
 * type Outputs = keyof OutParams<OutputsOf<typeof count>>; // 'rows'
 * const name: Outputs = 'rows';
 * ```
 */
export type OutParams<O> = O extends { parameters: infer P } ? Rec<P> : Record<never, never>;
/**
 * The declared output artifacts of `O`.
 * @example
 * ```ts
 * import { container, type OutArtifacts, type OutputsOf } from '@sluice/sdk';
 *
 * const train = container({ name: 'train', outputs: { artifacts: { model: { path: '/tmp/model.onnx' } } }, container: { image: 'busybox:1.36' } });
 * type Artifacts = keyof OutArtifacts<OutputsOf<typeof train>>; // 'model'
 * const name: Artifacts = 'model';
 * ```
 */
export type OutArtifacts<O> = O extends { artifacts: infer A } ? Rec<A> : Record<never, never>;

type HasParamValue = { default: ParameterScalar } | { value: ParameterScalar } | { valueFrom: object };
type HasArtifactSource =
  | { optional: true }
  | { from: string }
  | { fromExpression: string }
  | { raw: object }
  | { s3: object }
  | { gcs: object }
  | { git: object }
  | { http: object }
  | { artifactory: object }
  | { hdfs: object }
  | { oss: object }
  | { azure: object }
  | { plugin: object };

type RequiredKeys<R, Opt> = { [K in keyof R]-?: R[K] extends Opt ? never : K }[keyof R] & string;
type OptionalKeys<R, Opt> = Exclude<keyof R & string, RequiredKeys<R, Opt>>;

declare const artifactReference: unique symbol;

/**
 * A reference to an output artifact, such as `handle.outputs.artifacts.model` (`{{tasks.train.outputs.artifacts.model}}`).
 * At run time it is a plain string; the brand exists only in the types, so that a parameter reference (or any other
 * string) passed where an artifact is expected is a type error. Write `{ from: '{{…}}' }` for a hand-written one.
 * @example
 * ```ts
 * import { type ArtifactRef, container, dag } from '@sluice/sdk';
 *
 * const train = container({ name: 'train', outputs: { artifacts: { model: { path: '/tmp/model.onnx' } } }, container: { image: 'busybox:1.36' } });
 * const serve = container({ name: 'serve', inputs: { artifacts: { model: { path: '/tmp/model.onnx' } } }, container: { image: 'busybox:1.36' } });
 * const main = dag('main', (d) => {
 *   const trained = d.task('train', train);
 *   const model: ArtifactRef = trained.outputs.artifacts.model; // '{{tasks.train.outputs.artifacts.model}}'
 *   d.task('serve', serve, { model });
 * });
 * ```
 */
export type ArtifactRef = string & { readonly [artifactReference]: 'artifact' };

/**
 * Any string but an artifact reference (a type-level distinction only).
 * @example
 * ```ts
 * import type { NotAnArtifact } from '@sluice/sdk';
 *
 * const day: NotAnArtifact = '{{workflow.parameters.day}}'; // any plain string
 * ```
 */
export type NotAnArtifact = string & { readonly [artifactReference]?: never };

/**
 * A value for an input parameter: a string (references such as `handle.outputs.parameters.x` are strings too, but
 * an artifact reference is not accepted), a number or boolean (written as a string), or a parameter object.
 * @example
 * ```ts
 * import { container, dag, type ParameterArgument } from '@sluice/sdk';
 *
 * const load = container({ name: 'load', inputs: { parameters: { batchSize: {} } }, container: { image: 'busybox:1.36' } });
 * const batchSize: ParameterArgument = 500; // written as '500'
 * const main = dag('main', (d) => {
 *   d.task('load', load, { batchSize });
 * });
 * ```
 */
export type ParameterArgument = NotAnArtifact | number | boolean | ParameterSpec;

declare const argumentType: unique symbol;

/**
 * A parameter declaration whose arguments are narrower than {@link ParameterArgument} (types only): a template built
 * by `tsScript()` declares its inputs with the types its function accepts.
 * @example
 * ```ts
 * import { type InputsOf, type TypedParameterSpec, tsScript } from '@sluice/sdk';
 *
 * // In its own module (shards.ts), exported; here for the types only.
 * function splitShards({ count }: { count: number }): { shards: string[] } {
 *   return { shards: Array.from({ length: count }, (_, i) => `part-${i}`) };
 * }
 * const split = tsScript({
 *   name: 'split-shards',
 *   image: 'node:20.19-alpine',
 *   module: new URL('./shards.ts', import.meta.url),
 *   function: splitShards,
 *   inputs: { count: 'number' },
 *   outputs: ['shards'],
 * });
 * // `count` is declared with the type its function takes: an argument for it is a number (or a reference), not any text.
 * type Count = InputsOf<typeof split>['parameters']['count'];
 * const argument: Count extends TypedParameterSpec<infer V> ? V : never = 4;
 * ```
 */
export type TypedParameterSpec<V> = ParameterSpec & { readonly [argumentType]: V };

/** The argument a declared parameter accepts: its {@link TypedParameterSpec} type, else any parameter argument. */
type ArgumentOf<P> = P extends { readonly [argumentType]: infer V } ? V : ParameterArgument;

/**
 * A value for an input artifact: an artifact reference (becomes `from`) or an artifact location.
 * @example
 * ```ts
 * import { type ArtifactArgument, container, dag } from '@sluice/sdk';
 *
 * const clean = container({ name: 'clean', inputs: { artifacts: { raw: { path: '/tmp/raw.csv' } } }, container: { image: 'busybox:1.36' } });
 * const fromBucket: ArtifactArgument = { s3: { key: 'raw/2026-06-17.csv' } };
 * const main = dag('main', (d) => {
 *   d.task('clean', clean, { raw: fromBucket });
 * });
 * ```
 */
export type ArtifactArgument = ArtifactRef | ArtifactSpec;

/** Whether `I` is the inputs of a template the types cannot see. */
type IsUntyped<R> = string extends keyof R ? true : false;

/**
 * The arguments a task or step must pass to a template with inputs `I`: every required input by its TypeScript key,
 * optional ones optionally. A missing required input or an unknown key is a type error.
 * @example
 * ```ts
 * import { type ArgumentsFor, container, type InputsOf } from '@sluice/sdk';
 *
 * const load = container({ name: 'load', inputs: { parameters: { day: {}, batchSize: { default: '500' } } }, container: { image: 'busybox:1.36' } });
 * const args: ArgumentsFor<InputsOf<typeof load>> = { day: '2026-06-17' }; // batchSize has a default
 * ```
 */
export type ArgumentsFor<I> =
  IsUntyped<InParams<I>> extends true
    ? Readonly<Record<string, ParameterArgument | ArtifactArgument>>
    : [keyof InParams<I> | keyof InArtifacts<I>] extends [never]
      ? NoInputsDeclared
      : Simplify<
          { [K in RequiredKeys<InParams<I>, HasParamValue>]: ArgumentOf<InParams<I>[K]> } & {
            [K in OptionalKeys<InParams<I>, HasParamValue>]?: ArgumentOf<InParams<I>[K]>;
          } & { [K in RequiredKeys<InArtifacts<I>, HasArtifactSource>]: ArtifactArgument } & {
            [K in OptionalKeys<InArtifacts<I>, HasArtifactSource>]?: ArtifactArgument;
          }
        >;

/**
 * The inputs of a template that needs no arguments: every input parameter has a `default`, `value` or `valueFrom`,
 * every input artifact a location or `optional: true` (what a hook given as `{ template }` may run).
 * @example
 * ```ts
 * import { container, type InputsOf, type NoRequiredInputs } from '@sluice/sdk';
 *
 * const report = container({ name: 'report', inputs: { parameters: { format: { default: 'html' } } }, container: { image: 'busybox:1.36' } });
 * const runsAlone: InputsOf<typeof report> extends NoRequiredInputs ? true : false = true;
 * ```
 */
export interface NoRequiredInputs {
  readonly parameters?: Readonly<Record<string, HasParamValue>>;
  readonly artifacts?: Readonly<Record<string, HasArtifactSource>>;
}

/**
 * The options that make a task or step a loop: at least one of `withItems`, `withParam`, `withSequence`.
 * @example
 * ```ts
 * import { container, dag, item, type LoopOptions } from '@sluice/sdk';
 *
 * const work = container({ name: 'work', inputs: { parameters: { region: {} } }, container: { image: 'busybox:1.36' } });
 * const regions = { withItems: ['eu', 'us', 'apac'] } satisfies LoopOptions;
 * const main = dag('main', (d) => {
 *   d.task('count', work, { region: item() }, regions);
 * });
 * ```
 */
export type LoopOptions =
  | { readonly withItems: readonly unknown[] }
  | { readonly withParam: string }
  | { readonly withSequence: object };

/**
 * The keys of `I` a task must pass.
 * @example
 * ```ts
 * import { container, type InputsOf, type RequiredArgumentKeys } from '@sluice/sdk';
 *
 * const load = container({ name: 'load', inputs: { parameters: { day: {}, batchSize: { default: '500' } } }, container: { image: 'busybox:1.36' } });
 * const required: RequiredArgumentKeys<InputsOf<typeof load>> = 'day';
 * ```
 */
export type RequiredArgumentKeys<I> =
  IsUntyped<InParams<I>> extends true
    ? never
    : RequiredKeys<InParams<I>, HasParamValue> | RequiredKeys<InArtifacts<I>, HasArtifactSource>;

/**
 * A readable type error: the property name is the message (kysely's trick).
 * @example
 * ```ts
 * import type { NoneDeclared } from '@sluice/sdk';
 *
 * // What a handle's `outputs.parameters` looks like when the template declares no output parameters:
 * type Shown = NoneDeclared<'the template declares no output parameters'>;
 * const key: keyof Shown = 'error: the template declares no output parameters';
 * ```
 */
export type NoneDeclared<What extends string> = { readonly [K in `error: ${What}`]: never };

/**
 * The arguments of a template that declares no inputs: none. An empty object type would accept any key, so a typo
 * would pass the type check; every key here is a type error that says why.
 * @example
 * ```ts
 * import { type ArgumentsFor, container, type InputsOf, type NoInputsDeclared } from '@sluice/sdk';
 *
 * const ping = container({ name: 'ping', container: { image: 'busybox:1.36' } });
 * // A template without inputs takes no arguments: any key is a type error that says why.
 * const none: ArgumentsFor<InputsOf<typeof ping>> extends NoInputsDeclared ? true : false = true;
 * ```
 */
export type NoInputsDeclared = {
  readonly [key: string]: NoneDeclared<'this template declares no inputs; pass no arguments'>;
};

/**
 * References to the declared outputs of a template, as a task or step handle exposes them. `L` says whether the task
 * or step has a loop (`withItems`, `withParam`, `withSequence`): `true`, `false`, or `boolean` when the types do not
 * know (e.g. `TaskHandle[]`).
 * @example
 * ```ts
 * import { container, dag, type OutputRefs, type OutputsOf } from '@sluice/sdk';
 *
 * const count = container({ name: 'count', outputs: { parameters: { rows: { valueFrom: { path: '/tmp/rows' } } } }, container: { image: 'busybox:1.36' } });
 * const main = dag('main', (d) => {
 *   const refs: OutputRefs<OutputsOf<typeof count>, false> = d.task('count', count).outputs;
 *   refs.parameters.rows; // '{{tasks.count.outputs.parameters.rows}}'
 *   refs.result; // '{{tasks.count.outputs.result}}'
 * });
 * ```
 */
export interface OutputRefs<O, L extends boolean = boolean> {
  /** `{{tasks.<task>.outputs.parameters.<name>}}` for each declared output parameter. */
  readonly parameters: keyof OutParams<O> extends never
    ? NoneDeclared<'this template declares no output parameters'>
    : { readonly [K in keyof OutParams<O>]: string };
  /** `{{tasks.<task>.outputs.artifacts.<name>}}` for each declared output artifact. */
  readonly artifacts: keyof OutArtifacts<O> extends never
    ? NoneDeclared<'this template declares no output artifacts'>
    : { readonly [K in keyof OutArtifacts<O>]: ArtifactRef };
  /** `{{tasks.<task>.outputs.result}}`: the standard output of a script or container template. */
  readonly result: string;
  /** `{{tasks.<task>.outputs.exitCode}}`. */
  readonly exitCode: string;
  /**
   * `{{tasks.<task>.outputs.parameters}}`: for a task or step with a loop (`withItems`, `withParam`,
   * `withSequence`), every iteration's output parameters as one JSON list of objects, e.g. for the `withParam` of a
   * later task. On a task or step without a loop it is a type error (and throws).
   */
  readonly parametersJson: L extends true
    ? string
    : NoneDeclared<'parametersJson is for a task or step with withItems, withParam or withSequence'>;
}

/**
 * References to a template's own inputs, for use in its body: `{{inputs.parameters.<name>}}`.
 * @example
 * ```ts
 * import { container, type InputRefs } from '@sluice/sdk';
 *
 * const greet = container({
 *   name: 'greet',
 *   inputs: { parameters: { name: {} } },
 *   container: (io) => ({ image: 'busybox:1.36', command: ['echo', `hello ${io.inputs.parameters.name}`] }),
 * });
 * const refs: InputRefs<{ parameters: { name: {} } }> = greet.inputs;
 * refs.parameters.name; // '{{inputs.parameters.name}}'
 * ```
 */
export interface InputRefs<I> {
  /** `{{inputs.parameters.<name>}}` for each declared input parameter. */
  readonly parameters: { readonly [K in keyof InParams<I>]: string };
  /** `{{inputs.artifacts.<name>.path}}` for each declared input artifact. */
  readonly artifacts: { readonly [K in keyof InArtifacts<I>]: string };
  /** `{{inputs.parameters}}`: every input parameter of the template, as one JSON list. */
  readonly parametersJson: string;
}

/**
 * References to a DAG's or steps template's own inputs, for its tasks or steps: parameters as
 * `{{inputs.parameters.<name>}}`, artifacts as artifact references (`{{inputs.artifacts.<name>}}`) to pass on.
 * @example
 * ```ts
 * import { container, dag } from '@sluice/sdk';
 *
 * const clean = container({ name: 'clean', inputs: { artifacts: { raw: { path: '/tmp/raw.csv' } } }, container: { image: 'busybox:1.36' } });
 * const main = dag({ name: 'main', inputs: { parameters: { day: {} }, artifacts: { raw: {} } } }, (d) => {
 *   d.inputs.parameters.day; // '{{inputs.parameters.day}}'
 *   d.task('clean', clean, { raw: d.inputs.artifacts.raw }); // passes its own input artifact on
 * });
 * ```
 */
export interface CompositeInputRefs<I> {
  /** `{{inputs.parameters.<name>}}` for each declared input parameter. */
  readonly parameters: { readonly [K in keyof InParams<I>]: string };
  /** `{{inputs.artifacts.<name>}}` for each declared input artifact: pass it as a task's or step's artifact argument. */
  readonly artifacts: { readonly [K in keyof InArtifacts<I>]: ArtifactRef };
  /** `{{inputs.parameters}}`: every input parameter of the template, as one JSON list. */
  readonly parametersJson: string;
}

type GlobalKeys<R> = { [K in keyof R]-?: R[K] extends { globalName: string } ? K : never }[keyof R];

/**
 * References to the workflow outputs a template exports (its declared outputs with a `globalName`), by their
 * TypeScript keys: `{{workflow.outputs.parameters.<globalName>}}` and `{{workflow.outputs.artifacts.<globalName>}}`.
 * Only outputs declared with a `globalName` exist, so a reference to one that is not exported is a type error.
 * @example
 * ```ts
 * import { container, type GlobalOutputRefs } from '@sluice/sdk';
 *
 * const train = container({
 *   name: 'train',
 *   outputs: { parameters: { accuracy: { globalName: 'model-accuracy', valueFrom: { path: '/tmp/acc' } } } },
 *   container: { image: 'registry.example.com/ml/trainer:1.4.2' },
 * });
 * const exported: GlobalOutputRefs<{ parameters: { accuracy: { globalName: string } } }> = train.globalOutputs;
 * exported.parameters.accuracy; // '{{workflow.outputs.parameters.model-accuracy}}'
 * ```
 */
export interface GlobalOutputRefs<O> {
  /** `{{workflow.outputs.parameters.<globalName>}}` for each output parameter with a `globalName`. */
  readonly parameters: { readonly [K in GlobalKeys<OutParams<O>>]: string };
  /** `{{workflow.outputs.artifacts.<globalName>}}` for each output artifact with a `globalName`. */
  readonly artifacts: { readonly [K in GlobalKeys<OutArtifacts<O>>]: ArtifactRef };
}

/**
 * What a `dag()` or `steps()` callback returns: nothing, or the template's own outputs.
 * @example
 * ```ts
 * import { type BuildResult, container, dag } from '@sluice/sdk';
 *
 * const count = container({ name: 'count', outputs: { parameters: { rows: { valueFrom: { path: '/tmp/rows' } } } }, container: { image: 'busybox:1.36' } });
 * const main = dag('main', (d) => {
 *   const counted = d.task('count', count);
 *   const result: BuildResult<{ parameters: { rows: { valueFrom: { parameter: string } } } }> = {
 *     outputs: { parameters: { rows: { valueFrom: { parameter: counted.outputs.parameters.rows } } } },
 *   };
 *   return result;
 * });
 * ```
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a callback without a return statement returns void.
export type BuildResult<O> = void | { outputs?: O };

/**
 * The declared inputs of a template builder (or of anything a task can run), e.g. to type a helper that takes
 * arguments for it.
 * @example
 * ```ts
 * import { type ArgumentsFor, container, type InputsOf } from '@sluice/sdk';
 *
 * const load = container({ name: 'load', inputs: { parameters: { day: {} } }, container: { image: 'busybox:1.36' } });
 * // A helper that builds the arguments for `load` for a given day, checked against its declared inputs.
 * const argsFor = (day: string): ArgumentsFor<InputsOf<typeof load>> => ({ day });
 * ```
 */
export type InputsOf<T> = T extends { readonly __sig?: { readonly in: infer I; readonly out: unknown } } ? I : never;

/**
 * The declared outputs of a template builder, e.g. to type an array of handles:
 * `const handles: TaskHandle<string, OutputsOf<typeof extract>>[] = []`.
 * @example
 * ```ts
 * import { container, dag, type OutputsOf, type TaskHandle } from '@sluice/sdk';
 *
 * const extract = container({ name: 'extract', outputs: { parameters: { rows: { valueFrom: { path: '/tmp/rows' } } } }, container: { image: 'busybox:1.36' } });
 * const main = dag('main', (d) => {
 *   const handles: TaskHandle<string, OutputsOf<typeof extract>>[] = ['eu', 'us'].map((r) => d.task(`extract-${r}`, extract));
 *   handles.map((h) => h.outputs.parameters.rows);
 * });
 * ```
 */
export type OutputsOf<T> = T extends { readonly __sig?: { readonly in: unknown; readonly out: infer O } } ? O : never;
