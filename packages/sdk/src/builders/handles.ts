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
 * A DAG task, as returned by `d.task(…)`: references to its outputs, and its results for `depends` expressions.
 * The handle is itself a `depends` expression meaning "this task succeeded, was skipped or is daemoned".
 * `L` is whether the task has a loop (`withItems`, `withParam`, `withSequence`), which `outputs.parametersJson` needs.
 *
 * @example
 * ```ts
 * const extract = d.task('extract', extractTpl, { url });
 * extract.outputs.parameters.rawPath; // '{{tasks.extract.outputs.parameters.raw-path}}'
 * extract.failed(); // depends: extract.Failed
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

  /** References to the outputs its template declares (`{{tasks.<name>.outputs.…}}`). */
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
 * A step of a steps template, as returned by `s.step(…)`: references to its outputs. `L` is whether the step has a
 * loop, which `outputs.parametersJson` needs.
 *
 * @example
 * ```ts
 * const flip = s.step('flip-coin', flipTpl);
 * s.step('heads', headsTpl, {}, { when: `${flip.outputs.result} == heads` });
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

  /** References to the outputs its template declares (`{{steps.<name>.outputs.…}}`). */
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
