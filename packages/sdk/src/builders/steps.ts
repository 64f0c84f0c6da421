import type { WorkflowStep } from '@sluice/argo-types';
import { sealModel } from '../model/freeze.js';
import { NameMap } from '../model/name-map.js';
import { referencedNodes } from './arguments.js';
import { compositeBuilder } from './composite.js';
import { StepHandle } from './handles.js';
import type { IoNames, Runnable } from './internal.js';
import { compileInputs, compileOutputs, compositeInputRefs } from './io.js';
import type { TemplateOptions } from './leaf-templates.js';
import {
  type AnyTemplateBuilder,
  compileNode,
  DepSet,
  type ExtraArguments,
  type LoopedNodeRest,
  type NodeHooks,
  type NodeRest,
  type NodeSpec,
  nodeParts,
  type RunInputs,
  type RunOutputs,
  type RunTarget,
} from './node.js';
import { type NodePlace, placeText } from './place.js';
import { SelfTarget } from './self-target.js';
import type { TemplateBuilder } from './template.js';
import type { BuildResult, CompositeInputRefs, InputsSpec, LoopOptions, OutputsSpec } from './types.js';

/**
 * Options of a step: any field of Argo's `WorkflowStep` except those `step()` sets; `onExit` and hook templates may be builders.
 * @example
 * ```ts
 * import { container, type StepOptions, steps } from '@sluice/sdk';
 *
 * const work = container({ name: 'work', container: { image: 'busybox:1.36' } });
 * const onlyOnMonday: StepOptions = { when: '{{workflow.creationTimestamp.a}} == Mon' };
 * const main = steps('main', (s) => {
 *   s.step('weekly', work, onlyOnMonday);
 * });
 * ```
 */
export type StepOptions<H = StepHandle> = Omit<
  WorkflowStep,
  'name' | 'template' | 'templateRef' | 'inline' | 'arguments' | 'onExit' | 'hooks'
> & {
  onExit?: string | AnyTemplateBuilder;
  /** Arguments beside those the template declares, by Argo name (see {@link ExtraArguments}). */
  extraArguments?: ExtraArguments;
  /** Lifecycle hooks, or a function of this step's own handle returning them (see `hook()`). */
  hooks?: NodeHooks<H>;
};

/**
 * Options of `steps()`: the template's name, inputs and other fields.
 * @example
 * ```ts
 * import { container, steps, type StepsOptions } from '@sluice/sdk';
 *
 * const work = container({ name: 'work', container: { image: 'busybox:1.36' } });
 * const options: StepsOptions<'main', {}> = { name: 'main', timeout: '1h' };
 * const main = steps(options, (s) => {
 *   s.step('work', work);
 * });
 * ```
 */
export type StepsOptions<N extends string, I extends InputsSpec> = Omit<TemplateOptions<N, I, OutputsSpec>, 'outputs'>;

/** @internal Shared state of a steps template being declared. */
interface StepsState {
  readonly template: string;
  readonly groups: WorkflowStep[][];
  /** Every step's name (a `NameMap`, which stays fast past 4,096 steps). */
  readonly names: NameMap<true>;
  readonly deps: DepSet;
}

/** A step's handle (one function for every step, not a closure per step). */
const newStepHandle = (name: string, io: IoNames, looped: boolean) => new StepHandle(name, io, looped);

function addStep(
  state: StepsState,
  group: WorkflowStep[],
  groupNames: NameMap<true>,
  name: string,
  template: Runnable<unknown, unknown> | string,
  args: Readonly<Record<string, unknown>> | undefined,
  options: StepOptions<StepHandle<string, unknown>> | undefined,
): StepHandle<string, unknown> {
  const where: NodePlace = { kind: 'steps', template: state.template, name };
  if (state.names.has(name)) throw new Error(`${placeText(where)}: a step of this name already exists in the template`);
  const { node, strings, hookStrings, handle } = compileNode(
    where,
    name,
    template,
    args,
    options,
    state.deps,
    [],
    newStepHandle,
  );
  // A hook runs after its step, so it may read the step's own outputs.
  if (hookStrings !== undefined) {
    for (const ref of referencedNodes('steps', hookStrings)) if (ref !== name) strings.push(`steps.${ref}`);
  }
  for (const ref of referencedNodes('steps', strings)) {
    if (groupNames.has(ref)) {
      throw new Error(
        `${placeText(where)}: references steps.${ref}, which runs in parallel with it in the same group; move "${name}" to a later step`,
      );
    }
    if (!state.names.has(ref)) {
      throw new Error(
        `${placeText(where)}: references steps.${ref}, which is not a step of an earlier group of this template`,
      );
    }
  }
  state.names.set(name, true);
  groupNames.set(name, true);
  group.push(Object.freeze(node) as unknown as WorkflowStep);
  return handle;
}

/**
 * The steps of one parallel group, inside `s.parallel(...)`.
 * @example
 * ```ts
 * import { container, type StepGroup, steps } from '@sluice/sdk';
 *
 * const echo = container({
 *   name: 'echo',
 *   inputs: { parameters: { message: {} } },
 *   container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.message] }),
 * });
 * const both = (g: StepGroup) => [g.step('a', echo, { message: 'A' }), g.step('b', echo, { message: 'B' })];
 * const main = steps('main', (s) => {
 *   s.parallel(both);
 * });
 * ```
 */
export class StepGroup {
  #state: StepsState;
  #group: WorkflowStep[];
  #names = new NameMap<true>();

  /** @internal Made by `s.parallel()`. */
  constructor(state: StepsState, group: WorkflowStep[]) {
    this.#state = state;
    this.#group = group;
  }

  /** Adds a step to this group; it runs in parallel with the group's other steps. */
  step<N extends string, T extends RunTarget>(
    spec: NodeSpec<N, T, StepOptions<StepHandle<N, RunOutputs<T>, true>> & LoopOptions>,
  ): StepHandle<N, RunOutputs<T>, true>;
  step<N extends string, T extends RunTarget>(
    spec: NodeSpec<N, T, StepOptions<StepHandle<N, RunOutputs<T>, false>>>,
  ): StepHandle<N, RunOutputs<T>, false>;
  step<N extends string, T extends RunTarget>(
    name: N,
    template: T,
    ...rest: LoopedNodeRest<RunInputs<T>, StepOptions<StepHandle<N, RunOutputs<T>, true>>>
  ): StepHandle<N, RunOutputs<T>, true>;
  step<N extends string, T extends RunTarget>(
    name: N,
    template: T,
    ...rest: NodeRest<RunInputs<T>, StepOptions<StepHandle<N, RunOutputs<T>, false>>>
  ): StepHandle<N, RunOutputs<T>, false>;
  step(
    first: string | Readonly<Record<string, unknown>>,
    runs?: Runnable<unknown, unknown> | string,
    given?: Readonly<Record<string, unknown>>,
    givenOptions?: StepOptions<StepHandle<string, unknown>>,
  ): StepHandle<string, unknown> {
    const { name, template, args, options } = nodeParts(first, runs, given, givenOptions) as {
      name: string;
      template: Runnable<unknown, unknown> | string;
      args: Readonly<Record<string, unknown>> | undefined;
      options: StepOptions<StepHandle<string, unknown>> | undefined;
    };
    return addStep(this.#state, this.#group, this.#names, name, template, args, options);
  }
}

/**
 * Where the steps of a steps template are declared, inside the `steps()` callback: `step()` adds a group of one
 * step (run after the previous group), `parallel()` a group of steps run together.
 * @example
 * ```ts
 * import { container, steps, type StepsDraft } from '@sluice/sdk';
 *
 * const echo = container({
 *   name: 'echo',
 *   inputs: { parameters: { message: {} } },
 *   container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.message] }),
 * });
 * const announce = (s: StepsDraft, what: string) => s.step(`announce-${what}`, echo, { message: what });
 * const main = steps('main', (s) => {
 *   announce(s, 'start');
 *   announce(s, 'end');
 * });
 * ```
 */
export class StepsDraft<I = unknown> {
  /** References to the template's own inputs (`{{inputs.parameters.<name>}}`). */
  readonly inputs: CompositeInputRefs<I>;
  /** @internal */
  readonly state: StepsState;

  /** @internal Made by `steps()`. */
  constructor(template: string, inputs: CompositeInputRefs<I>) {
    this.inputs = inputs;
    this.state = { template, groups: [], names: new NameMap(), deps: new DepSet() };
  }

  /**
   * Adds a group of one step, run after every earlier group.
   *
   * @example
   * ```ts
   * const flip = s.step('flip-coin', flipCoin);
   * s.step('heads', heads, { when: `${flip.outputs.result} == heads` });
   * ```
   */
  step<N extends string, T extends RunTarget>(
    spec: NodeSpec<N, T, StepOptions<StepHandle<N, RunOutputs<T>, true>> & LoopOptions>,
  ): StepHandle<N, RunOutputs<T>, true>;
  step<N extends string, T extends RunTarget>(
    spec: NodeSpec<N, T, StepOptions<StepHandle<N, RunOutputs<T>, false>>>,
  ): StepHandle<N, RunOutputs<T>, false>;
  step<N extends string, T extends RunTarget>(
    name: N,
    template: T,
    ...rest: LoopedNodeRest<RunInputs<T>, StepOptions<StepHandle<N, RunOutputs<T>, true>>>
  ): StepHandle<N, RunOutputs<T>, true>;
  step<N extends string, T extends RunTarget>(
    name: N,
    template: T,
    ...rest: NodeRest<RunInputs<T>, StepOptions<StepHandle<N, RunOutputs<T>, false>>>
  ): StepHandle<N, RunOutputs<T>, false>;
  step(
    first: string | Readonly<Record<string, unknown>>,
    runs?: Runnable<unknown, unknown> | string,
    given?: Readonly<Record<string, unknown>>,
    givenOptions?: StepOptions<StepHandle<string, unknown>>,
  ): StepHandle<string, unknown> {
    const { name, template, args, options } = nodeParts(first, runs, given, givenOptions) as {
      name: string;
      template: Runnable<unknown, unknown> | string;
      args: Readonly<Record<string, unknown>> | undefined;
      options: StepOptions<StepHandle<string, unknown>> | undefined;
    };
    const group: WorkflowStep[] = [];
    this.state.groups.push(group);
    return addStep(this.state, group, new NameMap(), name, template, args, options);
  }

  /**
   * Adds a group of steps run in parallel, after every earlier group; returns what `build` returns (usually the
   * handles).
   *
   * @example
   * ```ts
   * const [a, b] = s.parallel((g) => [g.step('a', echo, { message: 'A' }), g.step('b', echo, { message: 'B' })]);
   * // - - name: a
   * //     ...
   * //   - name: b
   * //     ...
   * ```
   */
  parallel<R>(build: (group: StepGroup) => R): R {
    const group: WorkflowStep[] = [];
    this.state.groups.push(group);
    return build(new StepGroup(this.state, group));
  }
}

/**
 * A steps template: sequential groups of parallel steps. Declare the steps in `build`; return `{ outputs }` to
 * declare the template's own outputs.
 * @example
 * ```ts
 * import { container, steps } from '@sluice/sdk';
 *
 * const echo = container({
 *   name: 'echo',
 *   inputs: { parameters: { message: {} } },
 *   container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.message] }),
 * });
 * const main = steps('main', (s) => {
 *   s.step('hello1', echo, { message: 'hello1' });
 *   s.parallel((g) => {
 *     g.step('hello2a', echo, { message: 'hello2a' });
 *     g.step('hello2b', echo, { message: 'hello2b' });
 *   });
 * });
 * // name: main
 * // steps:
 * // - - name: hello1
 * //     template: echo
 * //     ...
 * // - - name: hello2a
 * //     ...
 * //   - name: hello2b
 * //     ...
 * ```
 */
export function steps<
  N extends string,
  I extends InputsSpec = Record<never, never>,
  O extends OutputsSpec = Record<never, never>,
>(
  options: N | StepsOptions<N, I>,
  build: (s: StepsDraft<I>, self: SelfTarget<N, I>) => BuildResult<O>,
): TemplateBuilder<N, I, O>;
export function steps(
  options: string | StepsOptions<string, InputsSpec>,
  build: (s: StepsDraft<unknown>, self: SelfTarget<string, unknown>) => BuildResult<OutputsSpec>,
): TemplateBuilder<string, unknown, unknown> {
  const { name, inputs, ...fields } = typeof options === 'string' ? { name: options } : options;
  if (typeof name !== 'string' || name === '') throw new Error('steps(): the template needs a `name`');
  const ins = compileInputs(name, inputs);
  const draft = new StepsDraft<unknown>(name, compositeInputRefs(ins.params, ins.artifacts));
  const result = build(draft, new SelfTarget(name, ins.params, ins.artifacts));
  const outs = compileOutputs(name, result?.outputs);
  // Each step is frozen and its members are frozen models: seal the lists instead of copying them.
  const body = sealModel(draft.state.groups.map((g) => sealModel(g)));
  return compositeBuilder(name, fields, ins, outs, { steps: body }, draft.state.deps.list);
}
