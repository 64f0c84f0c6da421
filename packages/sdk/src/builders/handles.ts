import { DependsExpr } from './depends.js';
import type { IoNames } from './internal.js';
import type { OutputRefs } from './types.js';

function untypedTable(prefix: string): Readonly<Record<string, string>> {
  return new Proxy(Object.freeze({}) as Record<string, string>, {
    get: (_t, key) => (typeof key === 'string' ? `{{${prefix}.${key}}}` : undefined),
  });
}

function table(prefix: string, names: Readonly<Record<string, string>>, typed: boolean) {
  if (!typed) return untypedTable(prefix);
  const out: Record<string, string> = {};
  for (const key of Object.keys(names)) out[key] = `{{${prefix}.${names[key]}}}`;
  return Object.freeze(out);
}

/**
 * @internal The output references of the node `scope.name`; `looped` says whether it has a loop (`withItems`,
 * `withParam`, `withSequence`), without which `parametersJson` throws.
 */
export function outputRefs<O, L extends boolean>(
  scope: 'tasks' | 'steps',
  name: string,
  io: IoNames,
  looped: boolean,
): OutputRefs<O, L> {
  const base = `${scope}.${name}.outputs`;
  const refs = {
    parameters: table(`${base}.parameters`, io.outParams, io.typed),
    artifacts: table(`${base}.artifacts`, io.outArtifacts, io.typed),
    result: `{{${base}.result}}`,
    exitCode: `{{${base}.exitCode}}`,
  };
  // Not enumerable: copying or comparing a handle's outputs must not throw for a task without a loop.
  Object.defineProperty(refs, 'parametersJson', {
    enumerable: false,
    get: () => {
      if (looped) return `{{${base}.parameters}}`;
      const what = scope === 'tasks' ? 'task' : 'step';
      throw new Error(
        `${what} "${name}": outputs.parametersJson (every iteration's output parameters) exists only for a ${what} with withItems, withParam or withSequence; read one parameter with outputs.parameters.<name>`,
      );
    },
  });
  return Object.freeze(refs) as unknown as OutputRefs<O, L>;
}

/**
 * A DAG task, as returned by `d.task(...)`: references to its outputs, and its results for `depends` expressions.
 * The handle is itself a `depends` expression meaning "this task succeeded, was skipped or is daemoned".
 * `L` is whether the task has a loop (`withItems`, `withParam`, `withSequence`), which `outputs.parametersJson` needs.
 * @example
 * ```ts
 * import { container, dag } from '@sluice/sdk';
 *
 * const count = container({
 *   name: 'count',
 *   outputs: { parameters: { rows: { valueFrom: { path: '/tmp/rows' } } } },
 *   container: { image: 'busybox:1.36' },
 * });
 * const report = container({ name: 'report', inputs: { parameters: { rows: {} } }, container: { image: 'busybox:1.36' } });
 * const main = dag('main', (d) => {
 *   const counted = d.task('count', count);
 *   counted.outputs.parameters.rows; // '{{tasks.count.outputs.parameters.rows}}'
 *   d.task('report', report, { rows: counted.outputs.parameters.rows }, { depends: counted.succeeded() });
 * });
 * ```
 */
export class TaskHandle<N extends string = string, O = unknown, L extends boolean = boolean> extends DependsExpr {
  /** The task's name. */
  readonly name: N;
  #io: IoNames;
  #looped: boolean;
  #outputs: OutputRefs<O, L> | undefined;

  /** @internal Made by `d.task()`; `looped` when the task has `withItems`, `withParam` or `withSequence`. */
  constructor(name: N, io: IoNames, looped = false) {
    super(name, 'atom');
    this.name = name;
    this.#io = io;
    this.#looped = looped;
  }

  /** References to the outputs its template declares (`{{tasks.<name>.outputs....}}`). */
  get outputs(): OutputRefs<O, L> {
    this.#outputs ??= outputRefs<O, L>('tasks', this.name, this.#io, this.#looped);
    return this.#outputs;
  }

  /** `{{tasks.<name>.status}}`. */
  get status(): string {
    return `{{tasks.${this.name}.status}}`;
  }

  /** `{{tasks.<name>.id}}`. */
  get id(): string {
    return `{{tasks.${this.name}.id}}`;
  }

  /** `{{tasks.<name>.ip}}` (of a daemoned task). */
  get ip(): string {
    return `{{tasks.${this.name}.ip}}`;
  }

  /** `<name>.Succeeded`. */
  succeeded(): DependsExpr {
    return this.#result('Succeeded');
  }

  /** `<name>.Failed`. */
  failed(): DependsExpr {
    return this.#result('Failed');
  }

  /** `<name>.Errored`. */
  errored(): DependsExpr {
    return this.#result('Errored');
  }

  /** `<name>.Skipped`. */
  skipped(): DependsExpr {
    return this.#result('Skipped');
  }

  /** `<name>.Omitted`. */
  omitted(): DependsExpr {
    return this.#result('Omitted');
  }

  /** `<name>.Daemoned`. */
  daemoned(): DependsExpr {
    return this.#result('Daemoned');
  }

  /** `<name>.AnySucceeded` (for a task with a loop). */
  anySucceeded(): DependsExpr {
    return this.#result('AnySucceeded');
  }

  /** `<name>.AllFailed` (for a task with a loop). */
  allFailed(): DependsExpr {
    return this.#result('AllFailed');
  }

  /** Finished whatever the result: `(<name>.Succeeded || <name>.Failed || <name>.Errored)`. */
  completed(): DependsExpr {
    return this.succeeded().or(this.failed(), this.errored());
  }

  #result(result: string): DependsExpr {
    return new DependsExpr(`${this.name}.${result}`, 'atom');
  }
}

/**
 * A step of a steps template, as returned by `s.step(...)`: references to its outputs. `L` is whether the step has a
 * loop, which `outputs.parametersJson` needs.
 * @example
 * ```ts
 * import { container, steps } from '@sluice/sdk';
 *
 * const flipCoin = container({ name: 'flip-coin', container: { image: 'busybox:1.36' } });
 * const heads = container({ name: 'heads', container: { image: 'busybox:1.36', command: ['echo', 'heads'] } });
 * const main = steps('main', (s) => {
 *   const flip = s.step('flip-coin', flipCoin);
 *   s.step('heads', heads, { when: `${flip.outputs.result} == heads` }); // '{{steps.flip-coin.outputs.result}} == heads'
 * });
 * ```
 */
export class StepHandle<N extends string = string, O = unknown, L extends boolean = boolean> {
  /** The step's name. */
  readonly name: N;
  #io: IoNames;
  #looped: boolean;
  #outputs: OutputRefs<O, L> | undefined;

  /** @internal Made by `s.step()`; `looped` when the step has `withItems`, `withParam` or `withSequence`. */
  constructor(name: N, io: IoNames, looped = false) {
    this.name = name;
    this.#io = io;
    this.#looped = looped;
  }

  /** References to the outputs its template declares (`{{steps.<name>.outputs....}}`). */
  get outputs(): OutputRefs<O, L> {
    this.#outputs ??= outputRefs<O, L>('steps', this.name, this.#io, this.#looped);
    return this.#outputs;
  }

  /** `{{steps.<name>.status}}`. */
  get status(): string {
    return `{{steps.${this.name}.status}}`;
  }

  /** `{{steps.<name>.id}}`. */
  get id(): string {
    return `{{steps.${this.name}.id}}`;
  }

  /** `{{steps.<name>.ip}}` (of a daemoned step). */
  get ip(): string {
    return `{{steps.${this.name}.ip}}`;
  }
}
