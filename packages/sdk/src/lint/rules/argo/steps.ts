import { fieldNameProblems } from '../../names.js';
import { loopProblem } from '../../scope.js';
import type { LintRule } from '../../types.js';
import { stepsOf } from '../../walk.js';

/** Rules 36 and 37: step names are set, unique across groups and valid (placeholders aside); one loop source. */
export const steps: LintRule = {
  id: 'argo/steps',
  severity: 'error',
  description: 'steps are named uniquely and validly, and loop over at most one source',
  validatesSpec: true,
  check(ctx, report) {
    for (const entry of ctx.templates) {
      const seen = new Set<string>();
      for (const site of stepsOf(entry)) {
        const at = `templates.${entry.name}.steps[${site.group}]`;
        if (site.name === '') {
          report({ path: `${site.path}.name`, message: `${at}.name is required` });
        } else if (seen.has(site.name)) {
          report({ path: `${site.path}.name`, message: `${at}.name '${site.name}' is not unique` });
        } else {
          // A name may be built from placeholders ({{item}}-x): only its literal parts are checked.
          const problem = fieldNameProblems(site.name.replace(/\{\{.*?\}\}/g, 'x'));
          if (problem !== undefined) {
            report({ path: `${site.path}.name`, message: `${at}.name '${site.name}' is invalid: ${problem}` });
          }
        }
        seen.add(site.name);
        const loop = loopProblem(site.step);
        if (loop !== undefined) report({ path: site.path, message: `${site.label} ${loop}` });
      }
    }
  },
};
