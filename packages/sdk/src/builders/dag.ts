import type { DAGTask, Template } from '@sluice/argo-types';
import { sealModel } from '../model/freeze.js';
import { NameMap } from '../model/name-map.js';
import { referencedNodes } from './arguments.js';
import { compositeBuilder } from './composite.js';
import { DependsExpr, mentions } from './depends.js';
import { TaskHandle } from './handles.js';
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
 * Options of a DAG task: any field of Argo's `DAGTask` except those `task()` sets itself. `depends` takes a typed
 * expression (`after(a, b)`, `a.failed()`, a handle, or an array of handles meaning all of them) or Argo text;
 * `onExit` and hook templates may be template builders.
 * @example
 * ```ts
 * import { container, dag, type DagTaskOptions } from '@sluice/sdk';
 *
 * const work = container({ name: 'work', container: { image: 'busybox:1.36' } });
 * const optional: DagTaskOptions = { continueOn: { failed: true } };
 * const main = dag('main', (d) => {
 *   d.task('best-effort', work, optional);
 * });
 * ```
 */
export type DagTaskOptions<H = TaskHandle> = Omit<
  DAGTask,
  'name' | 'template' | 'templateRef' | 'inline' | 'arguments' | 'depends' | 'onExit' | 'hooks'
> & {
  depends?: string | DependsExpr | readonly DependsExpr[];
  onExit?: string | AnyTemplateBuilder;
  /** Arguments beside those the template declares, by Argo name (see {@link ExtraArguments}). */
  extraArguments?: ExtraArguments;
  /** Lifecycle hooks, or a function of this task's own handle returning them (see `hook()`). */
  hooks?: NodeHooks<H>;
};

/**
 * Options of `dag()`: the template's name, inputs and fields, and the DAG's `failFast` and `target`.
 * @example
 * ```ts
 * import { container, dag, type DagOptions } from '@sluice/sdk';
 *
 * const work = container({ name: 'work', container: { image: 'busybox:1.36' } });
 * const options: DagOptions<'main', { parameters: { day: {} } }> = { name: 'main', inputs: { parameters: { day: {} } }, failFast: false };
 * const main = dag(options, (d) => {
 *   d.task('work', work);
 * });
 * ```
 */
export type DagOptions<N extends string, I extends InputsSpec> = Omit<TemplateOptions<N, I, OutputsSpec>, 'outputs'> & {
  /** Argo's `dag.failFast`. */
  failFast?: boolean;
  /** Argo's `dag.target`. */
  target?: string;
};

const TASK_OMIT = ['depends'];
/** A task's handle (one function for every task: a closure per task was garbage in every large DAG). */
const newTaskHandle = (name: string, io: IoNames, looped: boolean) => new TaskHandle(name, io, looped);
/** A word of a `depends` text that may be a task name (`a`, `load-1`; `.Succeeded` and operators aside). */
const TASK_NAME_WORD = /(?<![-\w.])[A-Za-z0-9][-A-Za-z0-9_]*/g;
const NONE: readonly string[] = Object.freeze([]);

/**
 * Where the tasks of a DAG are declared, inside the `dag()` callback. Each `task()` returns a handle whose
 * outputs other tasks can pass as arguments; a task that references another's outputs depends on it.
 * @example
 * ```ts
 * import { container, dag, type DagDraft } from '@sluice/sdk';
 *
 * const echo = container({
 *   name: 'echo',
 *   inputs: { parameters: { message: {} } },
 *   container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.message] }),
 * });
 * // A helper that adds the same two tasks to any DAG.
 * function greetings(d: DagDraft) {
 *   const hello = d.task('hello', echo, { message: 'hello' });
 *   d.task('bye', echo, { message: 'bye' }, { depends: hello });
 * }
 * const main = dag('main', (d) => greetings(d));
 * ```
 */
export class DagDraft<I = unknown> {
  /** References to the DAG template's own inputs (`{{inputs.parameters.<name>}}`). */
  readonly inputs: CompositeInputRefs<I>;
  /** @internal */
  readonly tasks: DAGTask[] = [];
  /** @internal */
  readonly deps = new DepSet();
  /**
   * The tasks declared so far: name -> place in `tasks` (their `depends` is read only when an inferred edge may be
   * implied). A place, not the task: a table the old generation holds would keep the tasks alive (see `NameMap`).
   */
  #nodes = new NameMap<number>();
  #template: string;

  /** @internal Made by `dag()`. */
  constructor(template: string, inputs: CompositeInputRefs<I>) {
    this.#template = template;
    this.inputs = inputs;
  }

  /**
   * Adds a task running `template` (a template builder, `templateRef(...)`, `inline(...)`, or a template name) with
   * `args` keyed by the template's TypeScript input names.
   *
   * @example
   * ```ts
   * const a = d.task('extract', extractTpl, { url: 'https://example.com/data.csv' });
   * d.task('transform', transformTpl, { rawPath: a.outputs.parameters.rawPath });
   * // - name: transform
   * //   template: transform
   * //   arguments:
   * //     parameters:
   * //     - name: raw-path
   * //       value: '{{tasks.extract.outputs.parameters.raw-path}}'
   * //   depends: extract
   * ```
   *
   * Or in one object, when options would otherwise follow an empty arguments object:
   * `d.task({ name: 'report', template: report, depends: a.failed() })`.
   */
  task<N extends string, T extends RunTarget>(
    spec: NodeSpec<N, T, DagTaskOptions<TaskHandle<N, RunOutputs<T>, true>> & LoopOptions>,
  ): TaskHandle<N, RunOutputs<T>, true>;
  task<N extends string, T extends RunTarget>(
    spec: NodeSpec<N, T, DagTaskOptions<TaskHandle<N, RunOutputs<T>, false>>>,
  ): TaskHandle<N, RunOutputs<T>, false>;
  task<N extends string, T extends RunTarget>(
    name: N,
    template: T,
    ...rest: LoopedNodeRest<RunInputs<T>, DagTaskOptions<TaskHandle<N, RunOutputs<T>, true>>>
  ): TaskHandle<N, RunOutputs<T>, true>;
  task<N extends string, T extends RunTarget>(
    name: N,
    template: T,
    ...rest: NodeRest<RunInputs<T>, DagTaskOptions<TaskHandle<N, RunOutputs<T>, false>>>
  ): TaskHandle<N, RunOutputs<T>, false>;
  task(
    first: string | Readonly<Record<string, unknown>>,
    runs?: Runnable<unknown, unknown> | string,
    given?: Readonly<Record<string, unknown>>,
    givenOptions?: DagTaskOptions,
  ): TaskHandle<string, unknown> {
    const parts = nodeParts(first, runs, given, givenOptions);
    const { name, args } = parts;
    const template = parts.template as Runnable<unknown, unknown> | string;
    const options = parts.options as DagTaskOptions | undefined;
    const where: NodePlace = { kind: 'dag', template: this.#template, name };
    if (this.#nodes.has(name)) throw new Error(`${placeText(where)}: a task of this name already exists in the DAG`);
    const { node, strings, hookStrings, handle } = compileNode(
      where,
      name,
      template,
      args,
      options,
      this.deps,
      TASK_OMIT,
      newTaskHandle,
    );
    if (hookStrings !== undefined) for (const s of hookStrings) strings.push(s);
    if (strings.length === 0) setDepends(node, options?.depends, NONE);
    else {
      const refs = referencedNodes('tasks', strings).filter((r) => r !== name);
      const known = refs.filter((r) => this.#nodes.has(r));
      if (known.length < refs.length) this.#checkUnknown(where, node, options, refs);
      setDepends(node, options?.depends, this.#notImplied(known, node, options?.depends));
    }
    this.#nodes.set(name, this.tasks.length);
    this.tasks.push(Object.freeze(node) as unknown as DAGTask);
    return handle;
  }

  /** The declared tasks that a node's `depends` text or `dependencies` list names (read from the text: O(its length)). */
  #mentioned(node: Record<string, unknown>): string[] {
    const text = typeof node.depends === 'string' ? node.depends : '';
    const list = Array.isArray(node.dependencies) ? (node.dependencies as string[]) : [];
    const words = text.match(TASK_NAME_WORD) ?? [];
    return [...new Set([...list, ...words])].filter((n) => this.#nodes.has(n));
  }

  /**
   * The referenced tasks a given `depends` does not already wait for: a task it names, or an ancestor of one (the
   * DAG runs it before anyway), needs no edge of its own.
   */
  #notImplied(
    known: readonly string[],
    node: Record<string, unknown>,
    given: DagTaskOptions['depends'],
  ): readonly string[] {
    if (given === undefined && !Array.isArray(node.dependencies)) return known;
    const text = given === undefined ? '' : dependsText(given).text;
    const waited = new Set<string>();
    const stack = this.#mentioned({ depends: text, dependencies: node.dependencies });
    // Stop as soon as every referenced task is found: the search is then as deep as the nearest of them.
    const found = () => known.every((r) => waited.has(r));
    while (stack.length > 0 && !found()) {
      const n = stack.pop() as string;
      if (waited.has(n)) continue;
      waited.add(n);
      const at = this.#nodes.get(n);
      if (at !== undefined) stack.push(...this.#mentioned(this.tasks[at] as unknown as Record<string, unknown>));
    }
    return known.filter((r) => !waited.has(r) || mentions(text, r));
  }

  /** Throws for a referenced task that is neither declared before nor named in `depends`/`dependencies`. */
  #checkUnknown(
    where: NodePlace,
    node: Record<string, unknown>,
    options: DagTaskOptions | undefined,
    refs: string[],
  ): void {
    const explicit = `${dependsText(options?.depends ?? '').text} ${
      Array.isArray(node.dependencies) ? node.dependencies.join(' ') : ''
    }`;
    for (const r of refs) {
      if (!this.#nodes.has(r) && !mentions(explicit, r)) {
        throw new Error(
          `${placeText(where)}: references tasks.${r}, which is not a task declared before it in this DAG; declare "${r}" first (pass its handle's outputs) or name it in \`depends\``,
        );
      }
    }
  }
}

function dependsText(d: string | DependsExpr | readonly DependsExpr[]): { text: string; compound: boolean } {
  if (typeof d === 'string') return { text: d, compound: /\|\||&&/.test(d) };
  if (d instanceof DependsExpr) return { text: d.text, compound: d.op !== 'atom' };
  const texts = d.map((e) => (e.op === 'or' ? `(${e.text})` : e.text));
  return { text: texts.join(' && '), compound: texts.length > 1 };
}

function setDepends(node: Record<string, unknown>, given: DagTaskOptions['depends'], refs: readonly string[]): void {
  const deps = node.dependencies;
  if (Array.isArray(deps)) {
    const extra = refs.filter((r) => !deps.includes(r));
    if (extra.length > 0) node.dependencies = Object.freeze([...deps, ...extra]);
    if (given === undefined) return;
  }
  if (given === undefined) {
    if (refs.length > 0 && !Array.isArray(deps)) node.depends = refs.join(' && ');
    return;
  }
  if (refs.length === 0) {
    node.depends =
      typeof given === 'string' ? given : given instanceof DependsExpr ? given.text : dependsText(given).text;
    return;
  }
  const { text, compound } = dependsText(given);
  const missing = refs.filter((r) => !mentions(text, r));
  if (missing.length === 0) node.depends = text;
  else node.depends = `${compound && text.includes('||') ? `(${text})` : text} && ${missing.join(' && ')}`;
}

/**
 * A DAG template. Declare its tasks in `build`; return `{ outputs }` to declare the DAG's own outputs (typically
 * `valueFrom: { parameter: handle.outputs.parameters.x }`). The templates its tasks run are listed in the workflow
 * once each, however many tasks run them.
 * @example
 * ```ts
 * import { container, dag } from '@sluice/sdk';
 *
 * const echo = container({
 *   name: 'echo',
 *   inputs: { parameters: { message: {} } },
 *   container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.message] }),
 * });
 * const main = dag('main', (d) => {
 *   const a = d.task('a', echo, { message: 'A' });
 *   const b = d.task('b', echo, { message: 'B' }, { depends: a });
 *   d.task('c', echo, { message: 'C' }, { depends: a.succeeded().or(b.failed()) });
 * });
 * // name: main
 * // dag:
 * //   tasks:
 * //   - name: a
 * //     template: echo
 * //     arguments:
 * //       parameters:
 * //       - name: message
 * //         value: A
 * //   - name: b
 * //     ...
 * //     depends: a
 * //   - name: c
 * //     ...
 * //     depends: a.Succeeded || b.Failed
 * ```
 */
export function dag<
  N extends string,
  I extends InputsSpec = Record<never, never>,
  O extends OutputsSpec = Record<never, never>,
>(
  options: N | DagOptions<N, I>,
  build: (d: DagDraft<I>, self: SelfTarget<N, I>) => BuildResult<O>,
): TemplateBuilder<N, I, O>;
export function dag(
  options: string | DagOptions<string, InputsSpec>,
  build: (d: DagDraft<unknown>, self: SelfTarget<string, unknown>) => BuildResult<OutputsSpec>,
): TemplateBuilder<string, unknown, unknown> {
  const { name, inputs, failFast, target, ...fields } = typeof options === 'string' ? { name: options } : options;
  if (typeof name !== 'string' || name === '') throw new Error('dag(): the template needs a `name`');
  const ins = compileInputs(name, inputs);
  const draft = new DagDraft<unknown>(name, compositeInputRefs(ins.params, ins.artifacts));
  const result = build(draft, new SelfTarget(name, ins.params, ins.artifacts));
  const outs = compileOutputs(name, result?.outputs);
  // Each task is frozen and its members are frozen models: seal the list instead of copying it.
  const body: Template['dag'] = { tasks: sealModel(draft.tasks) };
  if (failFast !== undefined) body.failFast = failFast;
  if (target !== undefined) body.target = target;
  return compositeBuilder(name, fields, ins, outs, { dag: body }, draft.deps.list);
}
