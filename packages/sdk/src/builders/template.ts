import type { Template } from '@sluice/argo-types';
import { canonicalCopy } from '../compile/canonical.js';
import { freezeModel } from '../model/freeze.js';
import { emitYaml } from '../yaml/emit.js';
import {
  INTERNAL,
  ioFromTemplate,
  RUNNABLE,
  type Runnable,
  type RunnableInternals,
  type TemplateCarrier,
  type TemplateInternals,
} from './internal.js';
import { inputRefs } from './io.js';
import { type FieldsWithIo, resolveFields, type TemplateIo, templateIo } from './template-io.js';
import type { GlobalOutputRefs, InputRefs, TemplateKind, UntypedInputs, UntypedOutputs } from './types.js';

const KINDS: readonly TemplateKind[] = [
  'container',
  'script',
  'resource',
  'suspend',
  'http',
  'containerSet',
  'data',
  'plugin',
  'dag',
  'steps',
];

/** The kind of an Argo template: which of the ten bodies it has (undefined for none, e.g. templateDefaults). */
export function templateKind(t: Readonly<Template>): TemplateKind | undefined {
  return KINDS.find((k) => t[k] !== undefined);
}

/** What a task or step runs when it runs a template builder; its label is made only for a message. */
class TemplateRun implements RunnableInternals {
  readonly target: { readonly template: string };
  readonly deps: readonly TemplateCarrier[];

  constructor(
    readonly io: RunnableInternals['io'],
    template: string,
    carrier: TemplateCarrier,
  ) {
    this.target = { template };
    this.deps = [carrier];
  }

  get label(): string {
    return `template "${this.target.template}"`;
  }
}

/**
 * An immutable template: a frozen Argo `Template` plus, in its type, the names of what it declares — `I` its
 * inputs, `O` its outputs. Made by `container()`, `script()`, `dag()`, `steps()` and the other template functions,
 * or by `fromTemplate()` from a plain Argo template. Every method returns a new builder.
 * @example
 * ```ts
 * import { container, type TemplateBuilder } from '@sluice/sdk';
 *
 * const step = container({ name: 'step', container: { image: 'busybox:1.36' } });
 * const flaky: TemplateBuilder<'step', {}, {}> = step.set({ retryStrategy: { limit: 3, retryPolicy: 'OnError' }, timeout: '10m' });
 * console.log(flaky.toYaml());
 * // name: step
 * // retryStrategy:
 * //   limit: 3
 * //   retryPolicy: OnError
 * // timeout: 10m
 * // container: ...
 * ```
 */
export class TemplateBuilder<N extends string = string, I = UntypedInputs, O = UntypedOutputs>
  implements Runnable<I, O>, TemplateCarrier
{
  /** Phantom: the declared inputs and outputs, for the types only. */
  declare readonly __sig?: { readonly in: I; readonly out: O };
  /** @internal */
  readonly [INTERNAL]: TemplateInternals;
  #inputs: InputRefs<I> | undefined;

  /** @internal Use the template functions (`container()`, `dag()`, ...) or `fromTemplate()`. */
  constructor(internals: TemplateInternals) {
    this[INTERNAL] = internals;
  }

  /** @internal */
  get [RUNNABLE](): RunnableInternals {
    // A fresh record per task that runs the template: it dies young, where a cached one would live as long as the
    // template, and the collector would copy it along with every large workflow.
    return new TemplateRun(this[INTERNAL].io, this.name, this);
  }

  /** The template's name, as tasks and steps refer to it. */
  get name(): N {
    return (this[INTERNAL].template.name ?? '') as N;
  }

  /** Which of the ten template kinds this is. */
  get kind(): TemplateKind | undefined {
    return templateKind(this[INTERNAL].template);
  }

  /**
   * References to this template's own inputs, for its body: `tpl.inputs.parameters.shard` is
   * `{{inputs.parameters.shard}}`.
   */
  get inputs(): InputRefs<I> {
    this.#inputs ??= inputRefs<I>(this[INTERNAL].io.inParams, this[INTERNAL].io.inArtifacts);
    return this.#inputs;
  }

  /**
   * References to the workflow outputs this template exports: its declared outputs that have a `globalName`, by
   * their TypeScript keys. `train.globalOutputs.parameters.accuracy` is
   * `{{workflow.outputs.parameters.<its globalName>}}`, for a later task, an exit handler or a metric.
   *
   * @example
   * ```ts
   * const train = container({
   *   name: 'train',
   *   outputs: { parameters: { accuracy: { globalName: 'model-accuracy', valueFrom: { path: '/tmp/acc' } } } },
   *   container: { image: 'trainer:1.4.2' },
   * });
   * train.globalOutputs.parameters.accuracy; // '{{workflow.outputs.parameters.model-accuracy}}'
   * ```
   */
  get globalOutputs(): GlobalOutputRefs<O> {
    const { template, io } = this[INTERNAL];
    const refs = (kind: 'parameters' | 'artifacts', names: Readonly<Record<string, string>>) => {
      const out: Record<string, string> = {};
      for (const key of Object.keys(names)) {
        const global = template.outputs?.[kind]?.find((o) => o.name === names[key])?.globalName;
        if (global !== undefined) out[key] = `{{workflow.outputs.${kind}.${global}}}`;
      }
      return Object.freeze(out);
    };
    return Object.freeze({
      parameters: refs('parameters', io.outParams),
      artifacts: refs('artifacts', io.outArtifacts),
    }) as GlobalOutputRefs<O>;
  }

  /**
   * A copy with more template fields set (any field of Argo's `Template` but its name, inputs, outputs and body),
   * replacing those given. Each may be a function of the template's typed io, e.g.
   * `memoize: (io) => ({ key: io.inputs.parameters.day, ... })`.
   *
   * @example
   * ```ts
   * const flaky = step.set({ retryStrategy: { limit: 3, retryPolicy: 'OnError' }, timeout: '10m' });
   * // - name: step
   * //   retryStrategy:
   * //     limit: 3
   * //     retryPolicy: OnError
   * //   timeout: 10m
   * ```
   */
  set(fields: FieldsWithIo<TemplateIo<I, O>>): TemplateBuilder<N, I, O> {
    const { template, deps, io } = this[INTERNAL];
    const resolved = resolveFields(fields, () => templateIo(io), ['name', 'inputs', 'outputs', ...KINDS]);
    const next = freezeModel({ ...template, ...resolved, name: template.name });
    return new TemplateBuilder<N, I, O>({ template: next, deps, io });
  }

  /** A copy under another name (e.g. to list two variants of one template). */
  named<M extends string>(name: M): TemplateBuilder<M, I, O> {
    const { template, deps, io } = this[INTERNAL];
    return new TemplateBuilder<M, I, O>({ template: freezeModel({ ...template, name }), deps, io });
  }

  /** The Argo template, as a plain mutable copy in the documented key order. */
  toTemplate(): Template {
    return canonicalCopy(this[INTERNAL].template) as Template;
  }

  /** The Argo template as YAML. */
  toYaml(): string {
    return emitYaml(this[INTERNAL].template);
  }

  /** The Argo template as indented JSON. */
  toJson(): string {
    return `${JSON.stringify(this.toTemplate(), null, 2)}\n`;
  }
}

/**
 * A template builder over a plain Argo template, e.g. one written by hand or read from YAML. Its inputs and outputs
 * are untyped: tasks may pass any argument and read any output by its Argo name.
 * @example
 * ```ts
 * import { dag, fromTemplate } from '@sluice/sdk';
 *
 * const hello = fromTemplate({ name: 'hello', container: { image: 'busybox:1.36', command: ['echo', 'hello'] } });
 * const main = dag('main', (d) => {
 *   d.task('hello', hello);
 * });
 * ```
 */
export function fromTemplate(template: Template): TemplateBuilder<string, UntypedInputs, UntypedOutputs> {
  if (typeof template.name !== 'string' || template.name === '') {
    throw new Error('fromTemplate: the template needs a `name`');
  }
  const frozen = freezeModel(template);
  return new TemplateBuilder({ template: frozen, deps: [], io: ioFromTemplate(frozen) });
}
