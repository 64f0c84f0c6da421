import type { LifecycleHook } from '@sluice/argo-types';
import type { Runnable } from './internal.js';
import { type NodeRest, type RunInputs, type RunTarget, takesOptionsInPlaceOfArguments } from './node.js';

const HOOK_FIELD_KEYS: ReadonlySet<string> = new Set(['expression']);

/**
 * The fields of a lifecycle hook beside what it runs and its arguments: `expression` (required but for `exit`).
 * @example
 * ```ts
 * import { container, dag, hook, type HookFields } from '@sluice/sdk';
 *
 * const notify = container({ name: 'notify', container: { image: 'curlimages/curl:8.10.1', args: ['https://hooks.example.com/running'] } });
 * const whenRunning: HookFields = { expression: 'tasks.load.status == "Running"' };
 * dag('main', (d) => {
 *   d.task('load', notify, { hooks: { running: hook(notify, whenRunning) } });
 * });
 * ```
 */
export type HookFields = Omit<LifecycleHook, 'template' | 'templateRef' | 'arguments'>;

/** @internal The key under which a {@link Hook} keeps what it runs. */
export const HOOK: unique symbol = Symbol.for('sluice.hook');

/** @internal What a {@link Hook} holds until the task, step or workflow compiles it. */
export interface HookInternals {
  readonly runs: Runnable<unknown, unknown> | string;
  readonly args: Readonly<Record<string, unknown>> | undefined;
  readonly fields: HookFields | undefined;
}

/**
 * A lifecycle hook made by {@link hook}: a template with typed arguments, compiled where it is used (a task's, a
 * step's or the workflow's `hooks`).
 * @example
 * ```ts
 * import { container, type Hook, hook } from '@sluice/sdk';
 *
 * const alert = container({ name: 'alert', inputs: { parameters: { text: {} } }, container: { image: 'busybox:1.36' } });
 * const onExit: Hook = hook(alert, { text: 'workflow {{workflow.name}} finished: {{workflow.status}}' });
 * ```
 */
export class Hook {
  /** @internal */
  readonly [HOOK]: HookInternals;

  /** @internal Use `hook()`. */
  constructor(internals: HookInternals) {
    this[HOOK] = Object.freeze(internals);
  }
}

/**
 * A lifecycle hook running `template` (a template builder, `templateRef(…)`, or a template name) with `args` keyed by
 * the template's TypeScript input names, checked like `task()` and `step()` arguments: a missing required input or
 * an unknown key is a type error. `fields` holds the hook's `expression` (not needed for the `exit` hook); for a
 * template that declares no inputs it comes second: `hook(notify, { expression: 'workflow.status == "Running"' })`.
 * @example
 * ```ts
 * import { container, hook, steps } from '@sluice/sdk';
 *
 * const output = container({ name: 'output', outputs: { parameters: { result: { valueFrom: { path: '/tmp/result' } } } }, container: { image: 'busybox:1.36' } });
 * const exit = container({ name: 'exit', inputs: { parameters: { message: {} } }, container: { image: 'busybox:1.36' } });
 * const main = steps('main', (s) => {
 *   s.step('step-1', output, {
 *     hooks: (self) => ({ exit: hook(exit, { message: self.outputs.parameters.result }) }),
 *   });
 * });
 * // - name: step-1
 * //   template: output
 * //   hooks:
 * //     exit:
 * //       template: exit
 * //       arguments:
 * //         parameters:
 * //         - name: message
 * //           value: '{{steps.step-1.outputs.parameters.result}}'
 * ```
 */
export function hook<T extends RunTarget>(template: T, ...rest: NodeRest<RunInputs<T>, HookFields>): Hook;
export function hook(
  template: Runnable<unknown, unknown> | string,
  args?: Readonly<Record<string, unknown>>,
  fields?: HookFields,
): Hook {
  if (fields === undefined && args !== undefined && takesOptionsInPlaceOfArguments(template, args, HOOK_FIELD_KEYS))
    return new Hook({ runs: template, args: undefined, fields: args as HookFields });
  return new Hook({ runs: template, args, fields });
}
