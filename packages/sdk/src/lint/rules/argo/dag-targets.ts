import { DagGraph } from '../../dag-graph.js';
import { isObject, str } from '../../json.js';
import type { LintRule } from '../../types.js';
import { isParameter } from '../../variables.js';

/** Rule 46: every DAG `target` names a task (or is a `{{…}}` parameter). */
export const dagTargets: LintRule = {
  id: 'argo/dag-targets',
  severity: 'error',
  description: 'dag.target names tasks of the DAG',
  validatesSpec: true,
  check(ctx, report) {
    for (const entry of ctx.templates) {
      if (!isObject(entry.template.dag)) continue;
      const target = str(entry.template.dag.target);
      if (target === '') continue;
      const graph = new DagGraph(entry.template.dag);
      for (const name of target.split(' ')) {
        if (isParameter(name) || graph.tasks.has(name)) continue;
        report({
          path: `${entry.path}.dag.target`,
          message: `templates.${entry.name}.targets: target '${name}' is not defined`,
        });
      }
    }
  },
};
