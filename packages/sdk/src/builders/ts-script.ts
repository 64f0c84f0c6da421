import type { Template, Volume } from '@sluice/argo-types';
import { freezeModel } from '../model/freeze.js';
import { argoName } from '../model/names.js';
import { imageProblem } from '../pipeline/image.js';
import { compileInputs, compileOutputs } from './io.js';
import { TemplateBuilder } from './template.js';
import { type FieldsWithIo, resolveFields, type TemplateIo, templateIo } from './template-io.js';
import {
  bundleScript,
  DEFAULT_MAX_BUNDLE_BYTES,
  type EntryInput,
  type EntryOutput,
  type ScriptValueKind,
} from './ts-script-bundle.js';
import type { NotAnArtifact, ParameterSpec, TypedParameterSpec } from './types.js';

export { DEFAULT_MAX_BUNDLE_BYTES, ScriptBundleTooLargeError, type ScriptValueKind } from './ts-script-bundle.js';

/**
 * A function a `tsScript` can run: one object argument (or none), returning an object (or a promise of one).
 *
 * @example
 * ```ts
 * import type { ScriptFunction } from '@sluice/sdk';
 *
 * export async function countRows({ shard }: { shard: string }): Promise<{ rows: number }> {
 *   return { rows: shard.length };
 * }
 * const runnable: ScriptFunction = countRows;
 * ```
 */
export type ScriptFunction = (input: never) => unknown;

/** The object argument of a script function (`{}` for a function without parameters). */
export type ScriptInput<F extends ScriptFunction> =
  Parameters<F> extends [infer A, ...unknown[]] ? (A extends object ? A : never) : Record<never, never>;

/** The resolved return value of a script function. */
export type ScriptResult<F extends ScriptFunction> = Awaited<ReturnType<F>>;

/** The keys of a script function's result that can be declared as outputs. */
export type ScriptOutputKey<F extends ScriptFunction> = keyof ScriptResult<F> & string;

/**
 * The decoding kinds a parameter of type `T` may be declared with: `'string'` (the text as is) for strings,
 * `'number'` / `'boolean'` for those, `'json'` for anything (the text is parsed as JSON).
 *
 * @example
 * ```ts
 * import type { ScriptKindFor } from '@sluice/sdk';
 *
 * const count: ScriptKindFor<number> = 'number';
 * const tags: ScriptKindFor<string[]> = 'json';
 * ```
 */
export type ScriptKindFor<T> = [T] extends [string]
  ? 'string' | 'json'
  : [T] extends [number]
    ? 'number' | 'json'
    : [T] extends [boolean]
      ? 'boolean' | 'json'
      : 'json';

/**
 * The signature form of `inputs`: each parameter of the function's argument with its decoding kind.
 *
 * @example
 * ```ts
 * import type { ScriptInputKinds } from '@sluice/sdk';
 *
 * const kinds: ScriptInputKinds<{ day: string; shardCount: number; tags: string[] }> = {
 *   day: 'string',
 *   shardCount: 'number',
 *   tags: 'json',
 * };
 * ```
 */
export type ScriptInputKinds<P> = { readonly [K in keyof P & string]-?: ScriptKindFor<NonNullable<P[K]>> };

/**
 * A zod object schema (structurally, any zod 4 copy) whose parsed value the function accepts.
 *
 * @example
 * ```ts
 * import type { ScriptInputSchema } from '@sluice/sdk';
 * import { z } from 'zod';
 *
 * const schema: ScriptInputSchema<{ day: string }> = z.object({ day: z.string() });
 * ```
 */
export interface ScriptInputSchema<P> {
  /** The object's fields: their names become the template's input parameters. */
  readonly shape: Readonly<Record<string, unknown>>;
  /** zod's type carrier: the schema's output must be assignable to the function's argument. */
  readonly _zod: { readonly output: P };
}

/**
 * What a task may pass for a parameter the function receives as `T`: a string (a reference such as
 * `task.outputs.parameters.x`, or the text itself) and, for numbers and booleans, the value.
 *
 * @example
 * ```ts
 * import type { ScriptArgument } from '@sluice/sdk';
 *
 * const literal: ScriptArgument<number> = 4;
 * const reference: ScriptArgument<number> = '{{tasks.plan.outputs.parameters.count}}';
 * ```
 */
export type ScriptArgument<T> = [T] extends [number]
  ? number | NotAnArtifact
  : [T] extends [boolean]
    ? boolean | NotAnArtifact
    : NotAnArtifact;

/**
 * The declared inputs of a `tsScript` template, with each argument typed by the function's parameter.
 *
 * @example
 * ```ts
 * import type { ArgumentsFor, ScriptInputs } from '@sluice/sdk';
 *
 * const args: ArgumentsFor<ScriptInputs<{ shard: string; limit: number }>> = { shard: 'part-000', limit: 10 };
 * ```
 */
export type ScriptInputs<P> = {
  parameters: { [K in keyof P & string]-?: TypedParameterSpec<ScriptArgument<NonNullable<P[K]>>> };
};

/**
 * The declared outputs of a `tsScript` template: one output parameter per listed key.
 *
 * @example
 * ```ts
 * import type { ScriptOutputs } from '@sluice/sdk';
 *
 * const outputs: ScriptOutputs<'rows'> = { parameters: { rows: { valueFrom: { path: '/tmp/outputs/rows' } } } };
 * ```
 */
export type ScriptOutputs<K extends string> = { parameters: { [P in K]: ParameterSpec } };

/**
 * The script container's fields a `tsScript` lets you set (the rest it sets itself).
 *
 * @example
 * ```ts
 * import type { ScriptContainerFields } from '@sluice/sdk';
 *
 * const fields: ScriptContainerFields = { env: [{ name: 'LOG_LEVEL', value: 'debug' }] };
 * ```
 */
export type ScriptContainerFields = Omit<NonNullable<Template['script']>, 'image' | 'source' | 'command' | 'name'>;

/**
 * Options of {@link tsScript}.
 *
 * @example
 * ```ts
 * import type { TsScriptOptions } from '@sluice/sdk';
 *
 * export function countRows({ shard }: { shard: string }): { rows: number } {
 *   return { rows: shard.length };
 * }
 * const options: TsScriptOptions<'count-rows', typeof countRows, 'rows'> = {
 *   name: 'count-rows',
 *   image: 'node:20.19-alpine',
 *   module: new URL('./count-rows.ts', import.meta.url),
 *   function: countRows,
 *   inputs: { shard: 'string' },
 *   outputs: ['rows'],
 * };
 * ```
 */
export type TsScriptOptions<N extends string, F extends ScriptFunction, K extends ScriptOutputKey<F>> = FieldsWithIo<
  TemplateIo<ScriptInputs<ScriptInput<F>>, ScriptOutputs<K>>
> & {
  /** The template's name. */
  name: N;
  /** The Node image to run in, with a pinned tag or digest (`latest` and untagged are refused), e.g. `node:20.19-alpine`. */
  image: string;
  /**
   * The module that exports the function, usually `new URL('./functions.ts', import.meta.url)` (or an absolute path).
   * It is bundled, with what it imports, into the template's `source`.
   */
  module: string | URL;
  /** The function itself: its types type the template; its `name` is the export called, unless `exportName` is given. */
  function: F;
  /** The name the module exports the function under (default: the function's `name`). */
  exportName?: string;
  /**
   * The function's parameters, each a template input parameter: a zod object schema (the names and kinds come from
   * its fields) or the kind of each parameter (`{ n: 'number', label: 'string', tags: 'json' }`).
   */
  inputs?: ScriptInputSchema<ScriptInput<F>> | ScriptInputKinds<ScriptInput<F>>;
  /** The keys of the returned object to publish as output parameters. */
  outputs?: readonly K[];
  /** Largest bundle accepted, in bytes (default 256 KiB). */
  maxBundleBytes?: number;
  /** Minify the bundle (default `false`: the source stays readable in the Argo UI). */
  minify?: boolean;
  /** More fields of the script container (env, resources, securityContext, volumeMounts…), replacing the defaults. */
  script?: ScriptContainerFields;
};

/** Where the function's outputs are written, one file per output (an emptyDir, as the root file system is read-only). */
export const TS_SCRIPT_OUTPUT_DIR = '/tmp/outputs';
const OUTPUT_VOLUME = 'tsscript-outputs';

/** Restricted-profile defaults; the official Node images' `node` user is uid 1000. */
const DEFAULT_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  runAsUser: 1000,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};
const DEFAULT_RESOURCES = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '1', memory: '512Mi' },
};

interface ZodDef {
  readonly type?: string;
  readonly innerType?: { readonly _zod?: { readonly def?: ZodDef } };
  readonly values?: readonly unknown[];
  readonly entries?: Readonly<Record<string, unknown>>;
}

/** The decoding kind of a zod field: by its type, through optional/nullable/default wrappers. */
function zodKind(field: unknown): ScriptValueKind {
  let def = (field as { _zod?: { def?: ZodDef } } | undefined)?._zod?.def;
  while (
    def?.innerType !== undefined &&
    ['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(def.type ?? '')
  ) {
    def = def.innerType._zod?.def;
  }
  switch (def?.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'int':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'enum':
      return Object.values(def.entries ?? {}).every((v) => typeof v === 'string') ? 'string' : 'json';
    case 'literal':
      return (def.values ?? []).every((v) => typeof v === 'string') ? 'string' : 'json';
    default:
      return 'json';
  }
}

const KINDS: readonly ScriptValueKind[] = ['string', 'number', 'boolean', 'json'];

function inputKinds(template: string, inputs: unknown): [string, ScriptValueKind][] {
  if (inputs === undefined) return [];
  if (typeof inputs !== 'object' || inputs === null) {
    throw new Error(`tsScript "${template}": \`inputs\` must be a zod object schema or { key: kind }`);
  }
  if ('_zod' in inputs) {
    const shape = (inputs as { shape?: unknown }).shape;
    if (typeof shape !== 'object' || shape === null) {
      throw new Error(`tsScript "${template}": \`inputs\` is a zod schema but not an object (z.object({...}))`);
    }
    return Object.keys(shape).map((key) => [key, zodKind((shape as Record<string, unknown>)[key])]);
  }
  return Object.entries(inputs).map(([key, kind]) => {
    if (!KINDS.includes(kind as ScriptValueKind)) {
      throw new Error(
        `tsScript "${template}": input "${key}" has kind ${JSON.stringify(kind)}; use one of ${KINDS.join(', ')}`,
      );
    }
    return [key, kind as ScriptValueKind];
  });
}

function moduleFile(template: string, module: string | URL): string {
  const text = module instanceof URL ? module.href : module;
  if (text.startsWith('file:')) {
    const url = builtinUrl();
    return url.fileURLToPath(text);
  }
  if (!text.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(text)) {
    throw new Error(
      `tsScript "${template}": \`module\` must be a file URL or an absolute path (got ${JSON.stringify(text)}); write new URL('./functions.ts', import.meta.url)`,
    );
  }
  return text;
}

function builtinUrl(): typeof import('node:url') {
  return process.getBuiltinModule('node:url') as typeof import('node:url');
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `SLUICE_INPUT_SHARD_COUNT` for the input whose Argo name is `shard-count`. */
function envName(argo: string): string {
  return `SLUICE_INPUT_${argo.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`;
}

/**
 * A script template that runs an exported TypeScript function under Node. At compile time the function's module,
 * with everything it imports, is bundled with esbuild (tree-shaken, within a size budget) into the template's
 * `source`. In the pod, each input parameter arrives in an environment variable and is decoded by its kind
 * (`string` as is, `number`, `boolean`, or JSON), the function is called with them as one object, and each listed
 * key of the returned object is written to `/tmp/outputs/<name>` (a string as is, anything else as JSON), where
 * Argo reads the output parameter (`valueFrom.path`). Standard output stays free for logs (`outputs.result` is
 * what the function printed).
 *
 * The function is the module's own export, so it is unit-tested as a plain function; the template's arguments and
 * outputs are typed by its signature: `d.task('x', t, { n: 'three' })` is a type error when `n` is a number.
 *
 * @throws {Error} naming the template: an unpinned image, a `module` that is not a file URL or absolute path, an
 *   export name that is not an identifier, a module that does not bundle (e.g. it does not export the function), a
 *   bundle holding an Argo tag (`{{workflow.name}}`), which Argo would replace in the source;
 *   {@link ScriptBundleTooLargeError} when the bundle exceeds `maxBundleBytes`.
 *
 * @example
 * ```ts
 * import { dag, item, tsScript } from '@sluice/sdk';
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
 * const main = dag('main', (d) => {
 *   const s = d.task('split', split, { count: 4 });
 *   d.task('each', split, { count: item() }, { withParam: s.outputs.parameters.shards });
 * });
 * ```
 */
export function tsScript<N extends string, F extends ScriptFunction, const K extends ScriptOutputKey<F> = never>(
  options: TsScriptOptions<N, F, K>,
): TemplateBuilder<N, ScriptInputs<ScriptInput<F>>, ScriptOutputs<K>> {
  const {
    name,
    image,
    module,
    function: fn,
    exportName,
    inputs,
    outputs,
    maxBundleBytes,
    minify,
    script,
    ...fields
  } = options;
  if (typeof name !== 'string' || name === '') throw new Error('tsScript(): the template needs a `name`');
  const problem = imageProblem(image);
  if (problem !== undefined) throw new Error(`tsScript "${name}": image ${problem}`);
  if (typeof fn !== 'function') throw new Error(`tsScript "${name}": \`function\` must be the exported function`);
  const exported = exportName ?? fn.name;
  if (!IDENTIFIER.test(exported)) {
    throw new Error(
      `tsScript "${name}": the function's export name ${JSON.stringify(exported)} is not an identifier; export a named function or pass \`exportName\``,
    );
  }

  const kinds = inputKinds(name, inputs);
  const paramSpecs: Record<string, ParameterSpec> = {};
  for (const [key] of kinds) paramSpecs[key] = {};
  const outSpecs: Record<string, ParameterSpec> = {};
  for (const key of outputs ?? []) outSpecs[key] = { valueFrom: { path: `${TS_SCRIPT_OUTPUT_DIR}/${argoName(key)}` } };
  const ins = compileInputs(name, kinds.length === 0 ? undefined : { parameters: paramSpecs });
  const outs = compileOutputs(name, (outputs ?? []).length === 0 ? undefined : { parameters: outSpecs });

  const entryInputs: EntryInput[] = kinds.map(([key, kind]) => ({ key, env: envName(ins.params[key] ?? key), kind }));
  const entryOutputs: EntryOutput[] = (outputs ?? []).map((key) => ({
    key,
    path: `${TS_SCRIPT_OUTPUT_DIR}/${outs.params[key] ?? key}`,
  }));
  const source = bundleScript({
    template: name,
    moduleFile: moduleFile(name, module),
    exportName: exported,
    inputs: entryInputs,
    outputs: entryOutputs,
    maxBytes: maxBundleBytes ?? DEFAULT_MAX_BUNDLE_BYTES,
    minify: minify ?? false,
  });

  const env = [
    ...entryInputs.map((input) => ({
      name: input.env,
      value: `{{inputs.parameters.${ins.params[input.key] ?? input.key}}}`,
    })),
    ...(script?.env ?? []),
  ];
  const volumeMounts = [
    ...(entryOutputs.length > 0 ? [{ name: OUTPUT_VOLUME, mountPath: TS_SCRIPT_OUTPUT_DIR }] : []),
    ...(script?.volumeMounts ?? []),
  ];
  const body: NonNullable<Template['script']> = {
    image,
    command: ['node'],
    source,
    resources: DEFAULT_RESOURCES,
    securityContext: DEFAULT_SECURITY_CONTEXT,
    ...script,
    ...(env.length > 0 ? { env } : {}),
    ...(volumeMounts.length > 0 ? { volumeMounts } : {}),
  };
  const names = {
    inParams: ins.params,
    inArtifacts: ins.artifacts,
    outParams: outs.params,
    outArtifacts: outs.artifacts,
  };
  const resolved = resolveFields(fields, () => templateIo({ ...names, typed: true }), []) as Partial<Template>;
  const template: Template = { ...resolved, name };
  if (ins.inputs !== undefined) template.inputs = ins.inputs;
  if (outs.outputs !== undefined) template.outputs = outs.outputs;
  if (entryOutputs.length > 0) {
    const volumes: Volume[] = [{ name: OUTPUT_VOLUME, emptyDir: {} }, ...(resolved.volumes ?? [])];
    template.volumes = volumes;
  }
  template.script = body;
  return new TemplateBuilder<N, ScriptInputs<ScriptInput<F>>, ScriptOutputs<K>>({
    template: freezeModel(template),
    deps: [],
    io: { ...names, typed: true },
  });
}
