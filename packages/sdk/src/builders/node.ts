import type { LifecycleHook } from '@sluice/argo-types';
import { freezeCopy } from '../model/freeze.js';
import { collectStrings, compileArguments } from './arguments.js';
import { INTERNAL, type IoNames, RUNNABLE, type Runnable, type TemplateCarrier } from './internal.js';
import { type NodePlace, placeText } from './place.js';
import type { TemplateBuilder } from './template.js';
import type {
  ArgumentsFor,
  InputsOf,
  OutputsOf,
  RequiredArgumentKeys,
  UntypedInputs,
  UntypedOutputs,
} from './types.js';

/** A template builder of any signature (as `onExit` or a hook runs it). */
export type AnyTemplateBuilder = TemplateBuilder<string, unknown, unknown>;

/** A lifecycle hook whose `template` may be a template builder (then listed in the workflow). */
export type HookSpec = Omit<LifecycleHook, 'template'> & { template?: string | AnyTemplateBuilder };

/**
 * The rest parameters of `task()` / `step()`: the arguments (required when the template has required inputs) and
 * the options.
 */
export type NodeRest<I, Options> = [RequiredArgumentKeys<I>] extends [never]
  ? [args?: ArgumentsFor<I>, options?: Options]
  : [args: ArgumentsFor<I>, options?: Options];

/** The inputs of what a task or step runs: declared ones for builders, untyped for a template name. */
export type RunInputs<T> = T extends string ? UntypedInputs : InputsOf<T>;

/** The outputs of what a task or step runs: declared ones for builders, untyped for a template name. */
export type RunOutputs<T> = T extends string ? UntypedOutputs : OutputsOf<T>;

/** What a task or step can run: a template builder, `templateRef(…)`, `inline(…)`, or a template name. */
export type RunTarget = Runnable<unknown, unknown> | string;

/** Arguments to a template named by a string: any key, by its Argo name. */
export type UntypedArguments = ArgumentsFor<UntypedInputs>;

const UNTYPED: IoNames = Object.freeze({
  inParams: Object.freeze({}),
  inArtifacts: Object.freeze({}),
  outParams: Object.freeze({}),
  outArtifacts: Object.freeze({}),
  typed: false,
});

/** @internal Collects the templates a DAG or steps template runs, each once, in first-use order. */
export class DepSet {
  readonly list: TemplateCarrier[] = [];
  #seen = new Set<TemplateCarrier>();

  add(t: TemplateCarrier): void {
    if (this.#seen.has(t)) return;
    this.#seen.add(t);
    this.list.push(t);
  }

  addAll(ts: readonly TemplateCarrier[]): void {
    for (const t of ts) this.add(t);
  }
}

/**
 * @internal The compiled fields of a task or step (every member primitive or deeply frozen; seal it with
 * `sealModel` once complete) and the strings to scan for references.
 */
export interface CompiledNode {
  readonly node: Record<string, unknown>;
  readonly io: IoNames;
  readonly strings: string[];
}

function isBuilder(v: unknown): v is AnyTemplateBuilder {
  return typeof v === 'object' && v !== null && INTERNAL in v;
}

/**
 * @internal Compiles a task or step: what it runs, its arguments, `onExit` and `hooks` (template builders become
 * names, and are added to `deps`), and the other options as they are.
 */
export function compileNode(
  where: NodePlace,
  name: string,
  runs: Runnable<unknown, unknown> | string,
  args: Readonly<Record<string, unknown>> | undefined,
  options: Readonly<Record<string, unknown>> | undefined,
  deps: DepSet,
  omit: readonly string[],
): CompiledNode {
  if (typeof name !== 'string' || name === '') throw new Error(`${placeText(where)}: a task or step needs a name`);
  let io: IoNames;
  const node: Record<string, unknown> = { name };
  let label: string;
  if (typeof runs === 'string') {
    io = UNTYPED;
    node.template = runs;
    label = `template "${runs}"`;
  } else if (typeof runs === 'object' && runs !== null && RUNNABLE in runs) {
    const r = runs[RUNNABLE];
    io = r.io;
    Object.assign(node, r.target);
    deps.addAll(r.deps);
    label = r.label;
  } else {
    throw new Error(`${placeText(where)}: expected a template builder, templateRef(…), inline(…) or a template name`);
  }
  const compiledArgs = compileArguments(where, label, io, args);
  if (compiledArgs !== undefined) node.arguments = compiledArgs;
  const strings = args === undefined ? [] : collectStrings(args, []);
  if (options !== undefined) {
    for (const key in options) {
      const v = options[key];
      if (v === undefined || !Object.hasOwn(options, key) || omit.includes(key)) continue;
      if (key === 'onExit' && isBuilder(v)) {
        deps.add(v);
        node.onExit = v.name;
      } else if (key === 'hooks' && typeof v === 'object' && v !== null) {
        node.hooks = freezeCopy(compileHooks(v as Record<string, HookSpec>, deps));
        collectStrings(v, strings);
      } else {
        node[key] = freezeCopy(v);
        if (key === 'when' || key === 'withParam' || key === 'withItems') collectStrings(v, strings);
      }
    }
  }
  return { node, io, strings };
}

/** @internal Hooks with template builders replaced by their names (and added to `deps`). */
export function compileHooks(hooks: Readonly<Record<string, HookSpec>>, deps: DepSet): Record<string, LifecycleHook> {
  const out: Record<string, LifecycleHook> = {};
  for (const key of Object.keys(hooks)) {
    const h = hooks[key];
    if (h === undefined) continue;
    const { template, ...rest } = h;
    if (isBuilder(template)) {
      deps.add(template);
      out[key] = { ...rest, template: template.name };
    } else out[key] = template === undefined ? rest : { ...rest, template };
  }
  return out;
}
