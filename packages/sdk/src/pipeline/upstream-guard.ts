import { PipelineError } from './image.js';

/** Keys that JavaScript itself probes on any object (awaiting, JSON, inspection): never a user's typo. */
const probedKeys = new Set(['then', 'toJSON', 'constructor']);

function guard<T extends object>(target: T, unknown: (key: string) => string): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'string' && !Object.hasOwn(object, key) && !probedKeys.has(key))
        throw new PipelineError(unknown(key));
      return Reflect.get(object, key, receiver);
    },
  });
}

/**
 * Wraps the `up` object handed to a binding function so that a reference to a task or an output that upstream does
 * not declare throws at once, naming the reference and what would be valid. Without it, `up.extract.rowCont` is
 * `undefined`: a required parameter was then reported as "not bound" although the user bound it, and an optional
 * one silently fell back to its default.
 *
 * @param where - the pipeline and step, e.g. `churn › validate-raw`, prefixed to every message.
 * @param up - every upstream task (camelCase id) with its outputs.
 * @example
 * ```ts
 * const safe = guardUpstream('p › load', { extract: { rawPath: ref } });
 * safe.extract.rawPth; // throws: p › load: up.extract.rawPth: task extract has no output rawPth; it declares: rawPath
 * ```
 */
export function guardUpstream<U extends Record<string, Record<string, unknown>>>(where: string, up: U): U {
  const tasks: Record<string, Record<string, unknown>> = {};
  for (const [task, outputs] of Object.entries(up)) {
    tasks[task] = guard(outputs, (key) => {
      const declared = Object.keys(outputs);
      return `${where}: up.${task}.${key}: task ${task} has no output ${key}; it declares: ${declared.join(', ') || 'no outputs'}`;
    });
  }
  return guard(tasks as U, (key) => {
    const known = Object.keys(up);
    return `${where}: up.${key}: no upstream task ${key}; upstream tasks (camelCase ids): ${known.join(', ') || 'none'}`;
  });
}
