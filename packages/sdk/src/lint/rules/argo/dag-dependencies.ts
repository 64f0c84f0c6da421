import { hint } from '../../../model/did-you-mean.js';
import { DagGraph, TASK_RESULTS, taskResults } from '../../dag-graph.js';
import { isObject, list, str } from '../../json.js';
import type { LintRule } from '../../types.js';
import { tasksOf } from '../../walk.js';

/**
 * Rules 43–45: `depends` names valid task results, every dependency is a task of the DAG (a looping one for
 * `.AnySucceeded`/`.AllFailed`), and there is no cycle.
 */
export const dagDependencies: LintRule = {
  id: 'argo/dag-dependencies',
  severity: 'error',
  description: 'DAG dependencies exist, use valid results, and form no cycle',
  validatesSpec: true,
  check(ctx, report) {
    for (const entry of ctx.templates) {
      if (!isObject(entry.template.dag)) continue;
      const graph = new DagGraph(entry.template.dag);
      for (const site of tasksOf(entry)) {
        const where = str(site.task.depends) !== '' ? `${site.path}.depends` : `${site.path}.dependencies`;
        for (const { task, result } of taskResults(str(site.task.depends))) {
          if (!TASK_RESULTS.includes(result)) {
            report({
              path: where,
              message: `${site.label} task result '${result}' for task '${task}' is invalid; valid results: ${TASK_RESULTS.join(', ')}`,
            });
          }
        }
        for (const [dep, type] of graph.dependencies.get(site.name) ?? []) {
          const target = graph.tasks.get(dep);
          if (target === undefined) {
            const tasks = [...graph.tasks.keys()].filter((t) => t !== site.name);
            report({
              path: where,
              message: `${site.label} dependency '${dep}' not defined${hint(dep, tasks, 'tasks of this DAG')}`,
            });
          } else if (
            type === 'items' &&
            list(target.withItems).length === 0 &&
            str(target.withParam) === '' &&
            !isObject(target.withSequence)
          ) {
            report({
              path: where,
              message: `${site.label} dependency '${dep}' uses an items-based condition such as .AnySucceeded or .AllFailed but does not contain any items`,
            });
          }
        }
      }
      const cycle = graph.firstCycle();
      if (cycle !== undefined) {
        report({
          path: `${entry.path}.dag.tasks`,
          message: `templates.${entry.name}.tasks dependency cycle detected: ${cycle}`,
        });
      }
    }
  },
};
