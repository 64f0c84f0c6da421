import type { z } from 'zod';
import type { StageContext } from './context.js';
import { scheduleEntryRun } from './entry.js';
import { EXECUTION_DATE_PARAM, invalidKeyReason, type KebabCase, toKebabCase } from './names.js';
import { callerFile, type StageSource, stageSource } from './stage-source.js';

/**
 * A zod object schema, the shape of a stage's `params` and `outputs`.
 * @example
 * ```ts
 * import type { ObjectSchema } from '@sluice/runtime';
 * import { z } from 'zod';
 *
 * const params: ObjectSchema = z.object({ table: z.string() });
 * ```
 */
export type ObjectSchema = z.ZodObject<z.ZodRawShape>;

/**
 * What `run` may return: the `outputs` schema's input type, or nothing when every output is optional.
 * @example
 * ```ts
 * import type { RunResult } from '@sluice/runtime';
 * import { z } from 'zod';
 *
 * const outputs = z.object({ rowCount: z.number().int() });
 * const result: RunResult<typeof outputs> = { rowCount: 1200 };
 * ```
 */
export type RunResult<O extends ObjectSchema> =
  Record<never, never> extends z.input<O>
    ? // biome-ignore lint/suspicious/noConfusingVoidType: an `async run() {}` without outputs returns Promise<void>
      z.input<O> | undefined | void
    : z.input<O>;

/**
 * The definition passed to {@link defineStage}.
 * @example
 * ```ts
 * import { defineStage, type StageDefinition } from '@sluice/runtime';
 * import { z } from 'zod';
 *
 * const params = z.object({ table: z.string() });
 * const definition: StageDefinition<'count-rows', typeof params, z.ZodObject<{ rows: z.ZodNumber }>> = {
 *   name: 'count-rows',
 *   params,
 *   outputs: z.object({ rows: z.number() }),
 *   run: (ctx) => ({ rows: ctx.params.table.length }),
 * };
 * export default defineStage(definition);
 * ```
 */
export interface StageDefinition<Name extends string, P extends ObjectSchema, O extends ObjectSchema> {
  /** The stage name: lower-case letters, digits and `-`, starting with a letter (an Argo template name). */
  readonly name: Name;
  /** The parameters' schema; keys are camelCase and arrive as `--param kebab-case=value`. Default: none. */
  readonly params?: P;
  /** The outputs' schema; each key is written to `$SLUICE_OUTPUTS_DIR/<kebab-case>`. Default: none. */
  readonly outputs?: O;
  /** The stage's work. Throw `RetriableError` (exit 1) or `FatalError` (exit 2) to fail. */
  readonly run: (ctx: StageContext<z.output<P>>) => RunResult<O> | Promise<RunResult<O>>;
  /**
   * The defining module, `import.meta.url`. Default: read from the call stack (the file that calls
   * `defineStage`); give it when a wrapper of your own calls `defineStage` for you.
   */
  readonly module?: string;
}

/**
 * A defined stage: an immutable value whose type carries its parameter and output shapes, so a pipeline can
 * wire it up with type checking, and whose module is runnable as a process entry.
 * @example
 * ```ts
 * import { defineStage, type Stage } from '@sluice/runtime';
 *
 * const extract: Stage<'extract'> = defineStage({ name: 'extract', run: () => {} });
 * console.log(extract.name, extract.paramNames); // 'extract' [ 'execution-date' ]
 * ```
 */
export interface Stage<
  Name extends string = string,
  P extends ObjectSchema = ObjectSchema,
  O extends ObjectSchema = ObjectSchema,
> {
  /** Marks the object as a stage (also at runtime, see {@link isStage}). */
  readonly kind: 'sluice.stage';
  /** The stage name. */
  readonly name: Name;
  /** The parameters' schema; `undefined` when the stage declares none (zod is then never loaded for it). */
  readonly params: P | undefined;
  /** The outputs' schema; `undefined` when the stage declares none. */
  readonly outputs: O | undefined;
  /** Every `--param` the process takes, kebab-case: `execution-date` first, then the schema's keys. */
  readonly paramNames: readonly (typeof EXECUTION_DATE_PARAM | KebabCase<keyof z.output<P> & string>)[];
  /** The output file names, kebab-case, one per key of the `outputs` schema. */
  readonly outputNames: readonly KebabCase<keyof z.output<O> & string>[];
  /**
   * Where the stage is defined (the module that called `defineStage`): a pipeline derives the command that starts
   * the stage, locally and in the image, from it. `undefined` when the module is not a file (a REPL).
   */
  readonly source: StageSource | undefined;
  /** The stage's work, as defined. */
  run(ctx: StageContext<z.output<P>>): RunResult<O> | Promise<RunResult<O>>;
}

/** The part of a {@link Stage} the helper types read. */
interface StageShape<P extends ObjectSchema, O extends ObjectSchema> {
  readonly kind: 'sluice.stage';
  readonly params: P | undefined;
  readonly outputs: O | undefined;
  readonly paramNames: readonly string[];
  readonly outputNames: readonly string[];
}

/**
 * The parsed parameters of a stage (camelCase keys). @example `type P = StageParams<typeof buildFeatures>`
 * @example
 * ```ts
 * import { defineStage, type StageParams } from '@sluice/runtime';
 * import { z } from 'zod';
 *
 * const buildFeatures = defineStage({ name: 'build-features', params: z.object({ minRows: z.number() }), run() {} });
 * type P = StageParams<typeof buildFeatures>; // { minRows: number }
 * const p: P = { minRows: 10 };
 * ```
 */
export type StageParams<S> = S extends StageShape<infer P, ObjectSchema> ? z.output<P> : never;

/**
 * The parameters a caller supplies to a stage, before defaults and coercion.
 * @example
 * ```ts
 * import { defineStage, type StageParamsInput } from '@sluice/runtime';
 * import { z } from 'zod';
 *
 * const load = defineStage({ name: 'load', params: z.object({ batch: z.number().default(500) }), run() {} });
 * const input: StageParamsInput<typeof load> = {}; // `batch` has a default, so a caller may leave it out
 * ```
 */
export type StageParamsInput<S> = S extends StageShape<infer P, ObjectSchema> ? z.input<P> : never;

/**
 * The outputs a stage produces (camelCase keys). @example `type O = StageOutputs<typeof buildFeatures>`
 * @example
 * ```ts
 * import { defineStage, type StageOutputs } from '@sluice/runtime';
 * import { z } from 'zod';
 *
 * const buildFeatures = defineStage({
 *   name: 'build-features',
 *   outputs: z.object({ rowCount: z.number() }),
 *   run: () => ({ rowCount: 3 }),
 * });
 * type O = StageOutputs<typeof buildFeatures>; // { rowCount: number }
 * const o: O = { rowCount: 3 };
 * ```
 */
export type StageOutputs<S> = S extends StageShape<ObjectSchema, infer O> ? z.output<O> : never;

/**
 * The kebab-case `--param` names of a stage, `execution-date` included.
 * @example
 * ```ts
 * import { defineStage, type StageParamName } from '@sluice/runtime';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', params: z.object({ rawPath: z.string() }), run() {} });
 * const names: StageParamName<typeof extract>[] = ['execution-date', 'raw-path'];
 * ```
 */
export type StageParamName<S> = S extends StageShape<ObjectSchema, ObjectSchema> ? S['paramNames'][number] : never;

/**
 * The kebab-case output file names of a stage.
 * @example
 * ```ts
 * import { defineStage, type StageOutputName } from '@sluice/runtime';
 * import { z } from 'zod';
 *
 * const extract = defineStage({ name: 'extract', outputs: z.object({ rowCount: z.number() }), run: () => ({ rowCount: 1 }) });
 * const file: StageOutputName<typeof extract> = 'row-count';
 * ```
 */
export type StageOutputName<S> = S extends StageShape<ObjectSchema, ObjectSchema> ? S['outputNames'][number] : never;

const stageName = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function checkKeys(stage: string, field: 'params' | 'outputs', schema: ObjectSchema | undefined): string[] {
  if (schema !== undefined && !isZodObject(schema))
    throw new TypeError(`defineStage("${stage}"): ${field} must be a zod object schema, e.g. z.object({ … })`);
  return Object.keys(schema?.shape ?? {}).map((key) => {
    const reason = invalidKeyReason(key);
    if (reason) throw new TypeError(`defineStage("${stage}"): ${field}.${key} ${reason}`);
    return toKebabCase(key);
  });
}

/**
 * Defines a stage. When the module whose default export is the returned stage is the process entry
 * (`node stage.js --param …`), the runtime runs it and exits with 0, 1 (retriable) or 2 (fatal); when the module
 * is imported (by a pipeline, for its types), nothing runs.
 * @example
 * ```ts
 * import { defineStage } from '@sluice/runtime';
 * import { z } from 'zod';
 *
 * export default defineStage({
 *   name: 'build-features',
 *   params: z.object({ rawPath: z.string(), minRows: z.number().int().default(1) }),
 *   outputs: z.object({ rowCount: z.number().int() }),
 *   async run(ctx) {
 *     const done = (await ctx.checkpoint.load<{ rows: number }>()) ?? { rows: 0 };
 *     ctx.log.info('building', { rawPath: ctx.params.rawPath, date: ctx.executionDate });
 *     return { rowCount: Math.max(done.rows, ctx.params.minRows) };
 *   },
 * });
 * ```
 */
export function defineStage<
  const Name extends string,
  P extends ObjectSchema = z.ZodObject<Record<never, never>>,
  O extends ObjectSchema = z.ZodObject<Record<never, never>>,
>(definition: StageDefinition<Name, P, O>): Stage<Name, P, O> {
  const { name, run } = definition;
  if (typeof name !== 'string' || name.length > 63 || !stageName.test(name))
    throw new TypeError(
      `defineStage: name "${String(name)}" is invalid: use lower-case letters, digits and '-', starting with a letter and at most 63 characters (e.g. build-features)`,
    );
  if (typeof run !== 'function') throw new TypeError(`defineStage("${name}"): run must be a function`);
  const { params, outputs } = definition;
  const paramKeys = checkKeys(name, 'params', params);
  if (paramKeys.includes(EXECUTION_DATE_PARAM))
    throw new TypeError(
      `defineStage("${name}"): params.executionDate is reserved: every stage receives it as ctx.executionDate`,
    );
  const stage: Stage<Name, P, O> = Object.freeze({
    kind: 'sluice.stage',
    name,
    params,
    outputs,
    paramNames: Object.freeze([EXECUTION_DATE_PARAM, ...paramKeys]) as Stage<Name, P, O>['paramNames'],
    outputNames: Object.freeze(checkKeys(name, 'outputs', outputs)) as Stage<Name, P, O>['outputNames'],
    source: sourceOf(definition.module ?? callerFile(defineStage)),
    run,
  });
  scheduleEntryRun(stage);
  return stage;
}

function sourceOf(module: string | undefined): StageSource | undefined {
  const source = module === undefined ? undefined : stageSource(module);
  return source === undefined ? undefined : Object.freeze(source);
}

/**
 * Whether a value is a {@link Stage} made by {@link defineStage}.
 * @example
 * ```ts
 * import { isStage } from '@sluice/runtime';
 *
 * const loaded: unknown = (await import('node:path')).default;
 * if (!isStage(loaded)) console.error('the module does not export a stage by default');
 * ```
 */
export function isStage(value: unknown): value is Stage {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'sluice.stage';
}

/**
 * Whether a value is a zod object schema, by zod's own structural marker rather than `instanceof`, so the runtime
 * never loads zod itself (a stage without params or outputs starts without it) and a schema from another copy of
 * zod is still recognised.
 */
function isZodObject(value: unknown): value is ObjectSchema {
  const def = (value as { _zod?: { def?: { type?: unknown } } } | null)?._zod?.def;
  return typeof value === 'object' && value !== null && def?.type === 'object' && 'shape' in value;
}
