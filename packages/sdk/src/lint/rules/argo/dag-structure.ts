import { isObject, list, str } from '../../json.js';
import { listNameProblems } from '../../names.js';
import { loopProblem } from '../../scope.js';
import type { LintRule } from '../../types.js';
import { tasksOf } from '../../walk.js';

/**
 * Rules 39–42: a DAG has tasks with valid unique names, none starting with a digit when dependencies are used,
 * and does not mix `depends` with `dependencies` or with `continueOn`; each task loops over at most one source.
 */
export const dagStructure: LintRule = {
  id: 'argo/dag-structure',
  severity: 'error',
  description: 'DAG tasks exist, are validly named, and depends is not mixed with dependencies or continueOn',
  validatesSpec: true,
  check(ctx, report) {
    for (const entry of ctx.templates) {
      if (!isObject(entry.template.dag)) continue;
      const tasks = tasksOf(entry);
      const t = `templates.${entry.name}`;
      if (tasks.length === 0) {
        report({ path: `${entry.path}.dag.tasks`, message: `${t} must have at least one task` });
        continue;
      }
      for (const p of listNameProblems(
        tasks.map((s) => s.name),
        'field',
      )) {
        report({ path: `${entry.path}.dag.tasks[${p.index}].name`, message: `${t}.tasks${p.message}` });
      }
      const usingDepends = tasks.some((s) => str(s.task.depends) !== '');
      let mixed = false;
      let continueOn = false;
      for (const site of tasks) {
        const dependencies = list(site.task.dependencies).length > 0;
        if ((usingDepends || dependencies) && /^[0-9]/.test(site.name)) {
          report({
            path: `${site.path}.name`,
            message: `${site.label} name cannot begin with a digit when using either 'depends' or 'dependencies'`,
          });
        }
        if (usingDepends && dependencies && !mixed) {
          mixed = true;
          report({
            path: `${site.path}.dependencies`,
            message: `${t} cannot use both 'depends' and 'dependencies' in the same DAG template`,
          });
        }
        if (usingDepends && isObject(site.task.continueOn) && !continueOn) {
          continueOn = true;
          report({
            path: `${site.path}.continueOn`,
            message: `${t} cannot use 'continueOn' when using 'depends'. Instead use 'dep-task.Failed'/'dep-task.Errored'`,
          });
        }
        const loop = loopProblem(site.task);
        if (loop !== undefined) report({ path: site.path, message: `${site.label} ${loop}` });
      }
    }
  },
};
