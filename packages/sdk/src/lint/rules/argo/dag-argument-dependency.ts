import { DagGraph } from '../../dag-graph.js';
import { isObject, obj, objects, str } from '../../json.js';
import type { LintRule } from '../../types.js';
import { tasksOf } from '../../walk.js';

/** The task named by a value that starts with `{{tasks.<name>.`, if any. */
function referencedTask(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('{{tasks.')) return undefined;
  return value.split('.')[1];
}

/** Rule 48: a task's arguments refer only to outputs of tasks it depends on (directly or not). */
export const dagArgumentDependency: LintRule = {
  id: 'argo/dag-argument-dependency',
  severity: 'error',
  description: 'task arguments use outputs of ancestor tasks only',
  validatesSpec: true,
  check(ctx, report) {
    for (const entry of ctx.templates) {
      if (!isObject(entry.template.dag)) continue;
      const graph = new DagGraph(entry.template.dag);
      for (const site of tasksOf(entry)) {
        const ancestry = new Set(graph.ancestry(site.name));
        const args = obj(site.task.arguments);
        objects(args.parameters).forEach((p, i) => {
          const ref = referencedTask(p.value);
          if (ref === undefined || ancestry.has(ref)) return;
          report({
            path: `${site.path}.arguments.parameters[${i}].value`,
            message: `${site.label} missing dependency '${ref}' for parameter '${str(p.name)}'`,
          });
        });
        objects(args.artifacts).forEach((a, i) => {
          const ref = referencedTask(a.from);
          if (ref === undefined || ancestry.has(ref)) return;
          report({
            path: `${site.path}.arguments.artifacts[${i}].from`,
            message: `${site.label} missing dependency '${ref}' for artifact '${str(a.name)}'`,
          });
        });
      }
    }
  },
};
