import type { Template } from '@sluice/argo-types';
import { freezeCopy, sealModel, share } from '../model/freeze.js';
import type { IoNames } from './internal.js';
import { compileInputs, compileOutputs, inputRefs } from './io.js';
import { TemplateBuilder } from './template.js';
import { type FieldsWithIo, type OutputsIo, type TemplateIo, templateIo } from './template-io.js';
import type { InputsSpec, LeafKind, OutputsSpec } from './types.js';

/**
 * The body type of a leaf template kind, e.g. `Container` for `container`.
 * @example
 * ```ts
 * import { container, type TemplateBody } from '@sluice/sdk';
 *
 * const body: TemplateBody<'container'> = { image: 'busybox:1.36', command: ['date'] };
 * const now = container({ name: 'now', container: body });
 * ```
 */
export type TemplateBody<K extends LeafKind> = NonNullable<Template[K]>;

/**
 * Options shared by every template function: the name, declared inputs/outputs and any other `Template` field.
 * @example
 * ```ts
 * import { container, type TemplateOptions } from '@sluice/sdk';
 *
 * const common: Partial<TemplateOptions<string, {}, {}>> = { timeout: '10m', retryStrategy: { limit: 2 } };
 * const step = container({ name: 'step', ...common, container: { image: 'busybox:1.36' } });
 * ```
 */
export type TemplateOptions<N extends string, I extends InputsSpec, O extends OutputsSpec> = FieldsWithIo<
  TemplateIo<I, O>
> & {
  /** The template's name (tasks and steps refer to it by this name). */
  name: N;
  /** Declared inputs, keyed by TypeScript name; Argo names are kebab-case (see `argoName`). */
  inputs?: I;
  /**
   * Declared outputs, keyed by TypeScript name; or a function of the template's inputs returning them, e.g. an
   * artifact whose S3 key is built from an input parameter.
   */
  outputs?: O | ((io: OutputsIo<I>) => O);
};

/**
 * Options of a leaf template function: the shared options plus the body under the kind's own key.
 * @example
 * ```ts
 * import { container, type LeafOptions } from '@sluice/sdk';
 *
 * const options: LeafOptions<'container', 'hello', {}, {}> = { name: 'hello', container: { image: 'busybox:1.36', command: ['echo', 'hi'] } };
 * const hello = container(options);
 * ```
 */
export type LeafOptions<
  K extends LeafKind,
  N extends string,
  I extends InputsSpec,
  O extends OutputsSpec,
> = TemplateOptions<N, I, O> & { [P in K]: TemplateBody<K> | ((io: TemplateIo<I, O>) => TemplateBody<K>) };

const NO_DEPS: readonly never[] = Object.freeze([]);
/** The options a leaf template takes apart from its fields. */
const SET_APART = ['name', 'inputs', 'outputs'];

function leaf<K extends LeafKind>(kind: K) {
  return <N extends string, I extends InputsSpec = Record<never, never>, O extends OutputsSpec = Record<never, never>>(
    options: LeafOptions<K, N, I, O>,
  ): TemplateBuilder<N, I, O> => {
    const { name, inputs } = options;
    if (typeof name !== 'string' || name === '') throw new Error(`${kind}(): the template needs a \`name\``);
    const ins = compileInputs(name, inputs);
    const given = options.outputs;
    const outputs = typeof given === 'function' ? given({ inputs: inputRefs<I>(ins.params, ins.artifacts) }) : given;
    const outs = compileOutputs(name, outputs);
    // A plain literal, not a spread of a shared one (V8 gave each spread copy a hidden class of its own), shared with
    // the last template that declared the same inputs and outputs: a template of thousands like it.
    const io: IoNames = share('io', {
      inParams: ins.params,
      inArtifacts: ins.artifacts,
      outParams: outs.params,
      outArtifacts: outs.artifacts,
      typed: true,
    });
    // Built as the model itself (each member a frozen copy, inputs and outputs models already): no second copy.
    // An empty literal, filled in: V8 gives it room for a few members in the object itself. A field given as a
    // function of the template's io is called with it, made on first need: what `resolveFields` does, without the
    // record it returns (a leaf template is made thousands of times in a large workflow).
    const fields = options as Readonly<Record<string, unknown>>;
    let made: unknown;
    const template: Record<string, unknown> = {};
    template.name = name;
    for (const key in fields) {
      if (!Object.hasOwn(fields, key) || key === kind || SET_APART.includes(key)) continue;
      let value = fields[key];
      if (typeof value === 'function') {
        made ??= templateIo(io);
        value = value(made);
      }
      if (value !== undefined) template[key] = freezeCopy(value, key);
    }
    if (ins.inputs !== undefined) template.inputs = ins.inputs;
    if (outs.outputs !== undefined) template.outputs = outs.outputs;
    let body = fields[kind];
    if (typeof body === 'function') {
      made ??= templateIo(io);
      body = body(made);
    }
    if (body !== undefined) template[kind] = freezeCopy(body, kind);
    return new TemplateBuilder<N, I, O>({
      template: sealModel(template) as Template,
      deps: NO_DEPS,
      io,
    });
  };
}

/**
 * A container template: runs one container.
 * @example
 * ```ts
 * import { container } from '@sluice/sdk';
 *
 * const step = container({
 *   name: 'step',
 *   inputs: { parameters: { shard: {} } },
 *   container: (io) => ({ image: 'python:3.12-slim', command: ['python', '-c'], args: [`print('${io.inputs.parameters.shard}')`] }),
 * });
 * // name: step
 * // inputs:
 * //   parameters:
 * //   - name: shard
 * // container:
 * //   image: python:3.12-slim
 * //   command: [python, -c]
 * //   args: ["print('{{inputs.parameters.shard}}')"]
 * ```
 */
export const container = leaf('container');

/**
 * A script template: a container with a `source` that Argo writes to a file and runs; its standard output is
 * `handle.outputs.result`.
 * @example
 * ```ts
 * import { script } from '@sluice/sdk';
 *
 * const gen = script({ name: 'gen', script: { image: 'python:3.12-slim', command: ['python'], source: 'print(42)' } });
 * ```
 */
export const script = leaf('script');

/**
 * A resource template: creates, applies, patches or deletes a Kubernetes object.
 * @example
 * ```ts
 * import { resource } from '@sluice/sdk';
 *
 * const make = resource({
 *   name: 'make-cm',
 *   resource: { action: 'create', manifest: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: out-\n' },
 * });
 * ```
 */
export const resource = leaf('resource');

/**
 * A suspend template: waits for a duration or until resumed.
 * @example
 * ```ts
 * import { suspend } from '@sluice/sdk';
 *
 * const approve = suspend({ name: 'approve', suspend: {} });
 * const pause = suspend({ name: 'pause', suspend: { duration: '30s' } });
 * ```
 */
export const suspend = leaf('suspend');

/**
 * An HTTP template: one HTTP request made by the Argo agent.
 * @example
 * ```ts
 * import { http } from '@sluice/sdk';
 *
 * const ping = http({ name: 'ping', http: { url: 'https://example.com/health', successCondition: 'response.statusCode == 200' } });
 * ```
 */
export const http = leaf('http');

/**
 * A container-set template: several containers in one pod, with their own dependencies.
 * @example
 * ```ts
 * import { containerSet } from '@sluice/sdk';
 *
 * const pair = containerSet({
 *   name: 'pair',
 *   containerSet: { containers: [{ name: 'a', image: 'busybox:1.36' }, { name: 'b', image: 'busybox:1.36', dependencies: ['a'] }] },
 * });
 * ```
 */
export const containerSet = leaf('containerSet');

/**
 * A data template: a source of artifact paths and transformations on them.
 * @example
 * ```ts
 * import { data } from '@sluice/sdk';
 *
 * const list = data({
 *   name: 'list',
 *   data: { source: { artifactPaths: { name: 'in', s3: { key: 'raw/' } } }, transformation: [{ expression: 'filter(data, {# endsWith ".csv"})' }] },
 * });
 * ```
 */
export const data = leaf('data');

/**
 * A plugin template: runs an executor plugin; the body is the plugin's own configuration.
 * @example
 * ```ts
 * import { plugin } from '@sluice/sdk';
 *
 * const hello = plugin({ name: 'hello', plugin: { hello: {} } });
 * ```
 */
export const plugin = leaf('plugin');
