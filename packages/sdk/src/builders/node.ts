import type { Arguments, Artifact, LifecycleHook, Parameter } from '@sluice/argo-types';
import { freezeCopy, sealModel } from '../model/freeze.js';
import { collectStrings, compileArguments } from './arguments.js';
import { HOOK, Hook, type HookFields } from './hook.js';
import {
  INTERNAL,
  type IoNames,
  NO_NAMES,
  RUNNABLE,
  type RunLabelled,
  type Runnable,
  type RunnableInternals,
  runLabel,
  type TemplateCarrier,
} from './internal.js';
import { type NodePlace, placeText } from './place.js';
import type { TemplateBuilder } from './template.js';
import type {
  ArgumentsFor,
  ArtifactArgument,
  InputsOf,
  LoopOptions,
  NoInputsDeclared,
  NoRequiredInputs,
  OutputsOf,
  ParameterArgument,
  RequiredArgumentKeys,
  UntypedInputs,
  UntypedOutputs,
} from './types.js';

/**
 * A template builder of any signature (as `onExit` runs it).
 * @example
 * ```ts
 * import { type AnyTemplateBuilder, container, isTemplateBuilder } from '@sluice/sdk';
 *
 * const names = (values: readonly unknown[]) => values.filter(isTemplateBuilder).map((t: AnyTemplateBuilder) => t.name);
 * names([container({ name: 'a', container: { image: 'busybox:1.36' } }), 'not a template']); // [ 'a' ]
 * ```
 */
export type AnyTemplateBuilder = TemplateBuilder<string, unknown, unknown>;

/**
 * A template builder that needs no arguments (see {@link NoRequiredInputs}), as a hook's `template`.
 * @example
 * ```ts
 * import { container, type HookSpec, type NoArgumentsTemplate, steps } from '@sluice/sdk';
 *
 * const cleanup = container({ name: 'cleanup', container: { image: 'busybox:1.36' } });
 * const exitHook = (template: NoArgumentsTemplate): HookSpec => ({ template });
 * const main = steps('main', (s) => {
 *   s.step('work', cleanup, { hooks: { exit: exitHook(cleanup) } });
 * });
 * ```
 */
export type NoArgumentsTemplate = TemplateCarrier & {
  readonly name: string;
  readonly __sig?: { readonly in: NoRequiredInputs; readonly out: unknown };
};

/**
 * A lifecycle hook: `hook(template, args, { expression })` (arguments typed against the template's inputs), a
 * template builder that needs no arguments (`{ template: cleanup, expression }`), or Argo's own fields with the
 * template named by a string.
 * @example
 * ```ts
 * import { container, dag, type HookSpec } from '@sluice/sdk';
 *
 * const alert = container({ name: 'alert', container: { image: 'curlimages/curl:8.10.1', args: ['https://hooks.example.com/failed'] } });
 * const onFailure: HookSpec = { template: alert, expression: 'steps.status == "Failed"' };
 * const main = dag('main', (d) => {
 *   d.task('load', alert, { hooks: { failed: onFailure } });
 * });
 * ```
 */
export type HookSpec =
  | Hook
  | (Omit<LifecycleHook, 'template'> & { template?: string })
  | (HookFields & { template: NoArgumentsTemplate; templateRef?: never; arguments?: never });

/**
 * A task's or step's `hooks`: the hooks by event, or a function of the task's or step's own handle returning them,
 * so that a hook can pass the node's outputs (`(self) => ({ exit: hook(report, { value: self.outputs.result }) })`).
 * @example
 * ```ts
 * import { container, dag, hook, type NodeHooks } from '@sluice/sdk';
 *
 * const exit = container({ name: 'exit', inputs: { parameters: { message: {} } }, container: { image: 'busybox:1.36' } });
 * const notify = container({ name: 'notify', container: { image: 'curlimages/curl:8.10.1', args: ['https://hooks.example.com/done'] } });
 * const work = container({ name: 'work', outputs: { parameters: { result: { valueFrom: { path: '/tmp/result' } } } }, container: { image: 'busybox:1.36' } });
 * // The same hooks for any task: by event, no outputs needed.
 * const notifyOnExit: NodeHooks<unknown> = { exit: { template: notify } };
 * const main = dag('main', (d) => {
 *   d.task('other', work, { hooks: notifyOnExit });
 *   // A function of the task's own handle, to pass its outputs:
 *   d.task('work', work, { hooks: (self) => ({ exit: hook(exit, { message: self.outputs.parameters.result }) }) });
 * });
 * ```
 */
export type NodeHooks<H> = Readonly<Record<string, HookSpec>> | ((self: H) => Readonly<Record<string, HookSpec>>);

/**
 * The rest parameters of `task()` / `step()`: the arguments (required when the template has required inputs) and
 * the options; for a template that declares no inputs, the options alone.
 * @example
 * ```ts
 * import { container, type DagTaskOptions, type NodeRest, type RunInputs } from '@sluice/sdk';
 *
 * const greet = container({ name: 'greet', inputs: { parameters: { name: {} } }, container: { image: 'busybox:1.36' } });
 * // The arguments are required because `name` has no default.
 * const rest: NodeRest<RunInputs<typeof greet>, DagTaskOptions> = [{ name: 'world' }];
 * ```
 */
export type NodeRest<I, Options> = [RequiredArgumentKeys<I>] extends [never]
  ? DeclaresNoInputs<I> extends true
    ? [options?: Options] | [args: ArgumentsFor<I>, options?: Options]
    : [args?: ArgumentsFor<I>, options?: Options]
  : [args: ArgumentsFor<I>, options?: Options];

/** Whether `I` is the typed inputs of a template that declares none (its third argument may be its options). */
type DeclaresNoInputs<I> = ArgumentsFor<I> extends NoInputsDeclared ? true : false;

/** The rest parameters of `task()` / `step()` with a loop: the arguments (`{}` if none) and options with a loop. */
export type LoopedNodeRest<I, Options> =
  DeclaresNoInputs<I> extends true
    ? [options: Options & LoopOptions] | [args: ArgumentsFor<I>, options: Options & LoopOptions]
    : [args: ArgumentsFor<I>, options: Options & LoopOptions];

/**
 * The `args` of the object form of a task or step: required when the template has required inputs.
 * @example
 * ```ts
 * import { type ArgsField, container, type InputsOf } from '@sluice/sdk';
 *
 * const load = container({ name: 'load', inputs: { parameters: { day: {} } }, container: { image: 'busybox:1.36' } });
 * // `day` has no default, so the object form of a task running `load` must give `args`.
 * const field: ArgsField<InputsOf<typeof load>> = { args: { day: '2026-06-17' } };
 * ```
 */
export type ArgsField<I> = [RequiredArgumentKeys<I>] extends [never]
  ? { readonly args?: ArgumentsFor<I> }
  : { readonly args: ArgumentsFor<I> };

/**
 * The object form of a task or step: its name, what it runs, its arguments and its options in one object, so that
 * options need no empty arguments object before them (`d.task({ name: 'c', template: report, depends: a })`).
 * @example
 * ```ts
 * import { container, dag, type DagTaskOptions, type NodeSpec, type TaskHandle } from '@sluice/sdk';
 *
 * const extract = container({ name: 'extract', container: { image: 'busybox:1.36' } });
 * const report = container({ name: 'report', inputs: { parameters: { day: {} } }, container: { image: 'busybox:1.36' } });
 * const main = dag('main', (d) => {
 *   const a = d.task({ name: 'extract', template: extract });
 *   const spec: NodeSpec<'report', typeof report, DagTaskOptions<TaskHandle>> = {
 *     name: 'report',
 *     template: report,
 *     args: { day: '2026-06-17' },
 *     depends: a,
 *   };
 *   d.task(spec);
 * });
 * ```
 */
export type NodeSpec<N extends string, T, Options> = { readonly name: N; readonly template: T } & ArgsField<
  RunInputs<T>
> &
  Options;

/** The option keys of a task or step (`DAGTask` and `WorkflowStep` fields besides what `task()`/`step()` set). */
const NODE_OPTION_KEYS: ReadonlySet<string> = new Set([
  'depends',
  'dependencies',
  'when',
  'withItems',
  'withParam',
  'withSequence',
  'continueOn',
  'onExit',
  'hooks',
  'extraArguments',
]);

/**
 * @internal A template that declares no inputs takes no arguments, so a third argument made only of option keys is
 * its options: `d.task('b', pass, { depends: a })`. Anything else stays arguments, and an unknown key an error.
 */
export function takesOptionsInPlaceOfArguments(
  template: unknown,
  args: Readonly<Record<string, unknown>>,
  optionKeys: ReadonlySet<string> = NODE_OPTION_KEYS,
): boolean {
  if (typeof template !== 'object' || template === null || !(RUNNABLE in template)) return false;
  const { io } = (template as Runnable<unknown, unknown>)[RUNNABLE];
  if (!io.typed || Object.keys(io.inParams).length > 0 || Object.keys(io.inArtifacts).length > 0) return false;
  const keys = Object.keys(args);
  return keys.length > 0 && keys.every((k) => optionKeys.has(k));
}

/** @internal The positional parts of a task or step given in either form. */
export interface NodeParts {
  name: string;
  template: unknown;
  args: Readonly<Record<string, unknown>> | undefined;
  options: Readonly<Record<string, unknown>> | undefined;
}

/** The one record {@link nodeParts} fills: its callers read it before anything else can call it again. */
const PARTS: NodeParts = { name: '', template: undefined, args: undefined, options: undefined };

/**
 * @internal The positional parts of a task or step given in either form, in a record reused by the next call (read
 * it at once: a record per task was garbage the collector met in every large DAG).
 */
export function nodeParts(
  first: string | Readonly<Record<string, unknown>>,
  template: unknown,
  args: Readonly<Record<string, unknown>> | undefined,
  options: Readonly<Record<string, unknown>> | undefined,
): NodeParts {
  if (typeof first === 'string') {
    PARTS.name = first;
    PARTS.template = template;
    if (options === undefined && args !== undefined && takesOptionsInPlaceOfArguments(template, args)) {
      PARTS.args = undefined;
      PARTS.options = args;
    } else {
      PARTS.args = args;
      PARTS.options = options;
    }
    return PARTS;
  }
  const { name, template: runs, args: given, ...rest } = first;
  PARTS.name = typeof name === 'string' ? name : '';
  PARTS.template = runs;
  PARTS.args = given as Readonly<Record<string, unknown>> | undefined;
  PARTS.options = rest;
  return PARTS;
}

/**
 * The inputs of what a task or step runs: declared ones for builders, untyped for a template name.
 * @example
 * ```ts
 * import { container, type RunInputs } from '@sluice/sdk';
 *
 * const greet = container({ name: 'greet', inputs: { parameters: { name: {} } }, container: { image: 'busybox:1.36' } });
 * type GreetInputs = RunInputs<typeof greet>; // what `d.task('x', greet, …)` checks its arguments against
 * ```
 */
export type RunInputs<T> = T extends string ? UntypedInputs : InputsOf<T>;

/**
 * The outputs of what a task or step runs: declared ones for builders, untyped for a template name.
 * @example
 * ```ts
 * import { container, type RunOutputs } from '@sluice/sdk';
 *
 * const count = container({ name: 'count', outputs: { parameters: { rows: { valueFrom: { path: '/tmp/rows' } } } }, container: { image: 'busybox:1.36' } });
 * type CountOutputs = RunOutputs<typeof count>; // `rows` is readable from a task running it
 * ```
 */
export type RunOutputs<T> = T extends string ? UntypedOutputs : OutputsOf<T>;

/**
 * What a task or step can run: a template builder, `templateRef(…)`, `inline(…)`, or a template name.
 * @example
 * ```ts
 * import { container, type RunTarget, templateRef } from '@sluice/sdk';
 *
 * const local = container({ name: 'local', container: { image: 'busybox:1.36' } });
 * const targets: RunTarget[] = [local, templateRef('shared', 'whalesay'), 'a-template-by-name'];
 * ```
 */
export type RunTarget = Runnable<unknown, unknown> | string;

/**
 * Arguments to a template named by a string: any key, by its Argo name.
 * @example
 * ```ts
 * import { dag, type UntypedArguments } from '@sluice/sdk';
 *
 * const args: UntypedArguments = { message: 'hello' };
 * const main = dag('main', (d) => {
 *   d.task('say', 'whalesay', args); // a template named by a string takes any arguments
 * });
 * ```
 */
export type UntypedArguments = ArgumentsFor<UntypedInputs>;

const UNTYPED: IoNames = Object.freeze({
  inParams: Object.freeze({}),
  inArtifacts: Object.freeze({}),
  outParams: Object.freeze({}),
  outArtifacts: Object.freeze({}),
  typed: false,
});

/**
 * @internal Collects the templates a DAG or steps template runs, in first-use order. A template run by consecutive
 * tasks is kept once; other repeats are kept too, and the workflow lists each template once (`collectTemplates`):
 * a set of every template here cost a hash lookup per task, in a table as large as the DAG.
 */
export class DepSet {
  readonly list: TemplateCarrier[] = [];

  add(t: TemplateCarrier): void {
    if (this.list[this.list.length - 1] !== t) this.list.push(t);
  }

  addAll(ts: readonly TemplateCarrier[]): void {
    for (let i = 0; i < ts.length; i++) this.add(ts[i] as TemplateCarrier);
  }
}

/**
 * @internal The compiled fields of a task or step (every member primitive or deeply frozen; seal it with
 * `sealModel` once complete), the strings to scan for references (`hookStrings`: those of its hooks, which may also
 * name the node itself), and its handle.
 */
export interface CompiledNode<H> {
  node: Record<string, unknown>;
  strings: string[];
  hookStrings: string[] | undefined;
  handle: H;
}

/**
 * The one record {@link compileNode} returns, filled as it returns: its callers read it at once (a record per task
 * was garbage the collector met in every large DAG).
 */
const COMPILED: CompiledNode<unknown> = { node: {}, strings: [], hookStrings: undefined, handle: undefined };

function isBuilder(v: unknown): v is AnyTemplateBuilder {
  return typeof v === 'object' && v !== null && INTERNAL in v;
}

const LOOPS = ['withItems', 'withParam', 'withSequence'];

/**
 * What a task, step or hook runs: the fields naming it, its input and output names, the templates to list, and a
 * label for messages (a short-lived record per task: see `TemplateBuilder[RUNNABLE]`).
 */
function resolveTarget(where: NodePlace | string, runs: unknown, deps: DepSet): RunnableInternals {
  if (typeof runs === 'string')
    return { target: { template: runs }, io: UNTYPED, deps: [], label: `template "${runs}"` };
  if (typeof runs === 'object' && runs !== null && RUNNABLE in runs) {
    const r = (runs as Runnable<unknown, unknown>)[RUNNABLE];
    deps.addAll(r.deps);
    return r;
  }
  throw new Error(`${placeText(where)}: expected a template builder, templateRef(…), inline(…) or a template name`);
}

/**
 * @internal Compiles a task or step: what it runs, its arguments, `onExit` and `hooks` (template builders become
 * names, and are added to `deps`), and the other options as they are. `handle` makes the node's handle (given to a
 * `hooks` function too).
 */
export function compileNode<H>(
  where: NodePlace,
  name: string,
  runs: Runnable<unknown, unknown> | string,
  args: Readonly<Record<string, unknown>> | undefined,
  options: Readonly<Record<string, unknown>> | undefined,
  deps: DepSet,
  omit: readonly string[],
  handle: (name: string, io: IoNames, looped: boolean) => H,
): CompiledNode<H> {
  if (typeof name !== 'string' || name === '') throw new Error(`${placeText(where)}: a task or step needs a name`);
  // An empty literal, filled in: V8 gives it room for a few members in the object itself.
  const node: Record<string, unknown> = {};
  node.name = name;
  let run: RunLabelled;
  let io: IoNames;
  if (isBuilder(runs)) {
    // A template builder, the common case: its name and io are read from it, with no record of the run made.
    const carrier: TemplateCarrier = runs;
    const internals = carrier[INTERNAL];
    node.template = internals.template.name;
    deps.add(carrier);
    run = carrier;
    io = internals.io;
  } else {
    const target = resolveTarget(where, runs, deps);
    Object.assign(node, target.target);
    run = target;
    io = target.io;
  }
  const compiledArgs = compileArguments(where, run, io, args);
  if (compiledArgs !== undefined) node.arguments = compiledArgs;
  const strings = args === undefined ? [] : collectStrings(args, []);
  let hookStrings: string[] | undefined;
  let looped = false;
  // An index loop: `for…of` allocated an iterator result here, once per task.
  if (options !== undefined)
    for (let i = 0; i < LOOPS.length; i++) if (options[LOOPS[i] as string] !== undefined) looped = true;
  const self = handle(name, io, looped);
  if (options !== undefined) {
    for (const key in options) {
      const v = options[key];
      if (v === undefined || !Object.hasOwn(options, key) || omit.includes(key)) continue;
      if (key === 'extraArguments') {
        node.arguments = withExtraArguments(where, run, io, node.arguments as Arguments | undefined, v);
        collectStrings(v, strings);
      } else if (key === 'onExit' && isBuilder(v)) {
        deps.add(v);
        node.onExit = v.name;
      } else if (key === 'hooks' && (typeof v === 'function' || (typeof v === 'object' && v !== null))) {
        const hooks = (typeof v === 'function' ? v(self) : v) as Readonly<Record<string, HookSpec>>;
        hookStrings = [];
        node.hooks = compileHooks(placeText(where), hooks, deps, hookStrings);
      } else {
        node[key] = freezeCopy(v, key);
        if (key === 'when' || LOOPS.includes(key)) collectStrings(v, strings);
      }
    }
  }
  const compiled = COMPILED as CompiledNode<H>;
  compiled.node = node;
  compiled.strings = strings;
  compiled.hookStrings = hookStrings;
  compiled.handle = self;
  return compiled;
}

/**
 * Arguments a task or step passes beside those its template declares, by their Argo names: Argo passes them on
 * unchecked (a recursive template, or one whose body reads `{{inputs.parameters}}`, relies on it). Give them
 * deliberately here; an undeclared key in the arguments themselves stays a type error and a build error.
 * @example
 * ```ts
 * import { container, dag, type ExtraArguments } from '@sluice/sdk';
 *
 * // A template whose script reads every input as one JSON list ({{inputs.parameters}}) takes more than it declares.
 * const dump = container({ name: 'dump', inputs: { parameters: { day: {} } }, container: { image: 'busybox:1.36', args: ['{{inputs.parameters}}'] } });
 * const extra: ExtraArguments = { parameters: { 'run-by': 'nightly', attempt: 1 } };
 * const main = dag('main', (d) => {
 *   d.task('dump', dump, { day: '2026-06-17' }, { extraArguments: extra });
 * });
 * ```
 */
export interface ExtraArguments {
  /** Parameters by Argo name: a string, number, boolean or parameter object. */
  readonly parameters?: Readonly<Record<string, ParameterArgument>>;
  /** Artifacts by Argo name: an artifact reference or location. */
  readonly artifacts?: Readonly<Record<string, ArtifactArgument>>;
}

function withExtraArguments(
  where: NodePlace,
  runs: RunLabelled,
  io: IoNames,
  declared: Arguments | undefined,
  extra: unknown,
): Arguments | undefined {
  const { parameters = {}, artifacts = {} } = extra as ExtraArguments;
  const declaredNames = [...Object.values(io.inParams), ...Object.values(io.inArtifacts)];
  for (const name of [...Object.keys(parameters), ...Object.keys(artifacts)]) {
    if (declaredNames.includes(name))
      throw new Error(
        `${placeText(where)}: extraArguments.${name}: ${runLabel(runs)} declares "${name}"; pass it with the other arguments, where its type is checked`,
      );
  }
  const byName = (names: Readonly<Record<string, unknown>>) =>
    Object.fromEntries(Object.keys(names).map((k) => [k, k]));
  const asGiven: IoNames = { ...io, inParams: byName(parameters), inArtifacts: NO_NAMES, typed: true };
  const params = compileArguments(where, runs, asGiven, parameters);
  const arts = compileArguments(
    where,
    runs,
    { ...asGiven, inParams: NO_NAMES, inArtifacts: byName(artifacts) },
    artifacts,
  );
  const merged: Arguments = {};
  const allParams = [...(declared?.parameters ?? []), ...(params?.parameters ?? [])];
  const allArtifacts = [...(declared?.artifacts ?? []), ...(arts?.artifacts ?? [])];
  if (allParams.length > 0) merged.parameters = Object.freeze(allParams) as Parameter[];
  if (allArtifacts.length > 0) merged.artifacts = Object.freeze(allArtifacts) as Artifact[];
  return allParams.length + allArtifacts.length > 0 ? Object.freeze(merged) : undefined;
}

/**
 * @internal Compiles hooks: a `hook(…)` to its template (or templateRef) and typed arguments, a template builder to
 * its name; every template builder is added to `deps`, and the strings that may hold references to `strings`.
 *
 * @param where names the task, step or workflow in errors.
 */
export function compileHooks(
  where: string,
  hooks: Readonly<Record<string, HookSpec>>,
  deps: DepSet,
  strings: string[],
): Readonly<Record<string, LifecycleHook>> {
  const out: Record<string, LifecycleHook> = {};
  for (const key of Object.keys(hooks)) {
    const h = hooks[key];
    if (h === undefined) continue;
    const place = `${where} hooks.${key}`;
    if (h instanceof Hook) {
      const { runs, args, fields } = h[HOOK];
      const run = resolveTarget(place, runs, deps);
      const target = run.target;
      if ('inline' in target) throw new Error(`${place}: a hook cannot run an inline template; list it and name it`);
      const compiled: Record<string, unknown> = { ...freezeCopy(fields ?? {}), ...target };
      const compiledArgs = compileArguments(place, run, run.io, args);
      if (compiledArgs !== undefined) compiled.arguments = compiledArgs;
      if (args !== undefined) collectStrings(args, strings);
      if (fields?.expression !== undefined) strings.push(fields.expression);
      out[key] = Object.freeze(compiled) as LifecycleHook;
      continue;
    }
    const { template, ...rest } = h;
    collectStrings(rest, strings);
    if (isBuilder(template)) {
      deps.add(template);
      out[key] = freezeCopy({ ...rest, template: template.name });
    } else if (typeof template === 'string') out[key] = freezeCopy({ ...rest, template });
    else out[key] = freezeCopy(rest);
  }
  return sealModel(out);
}
