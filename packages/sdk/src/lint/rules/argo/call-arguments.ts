import { missingInputs } from '../../argument-values.js';
import { obj, str } from '../../json.js';
import type { LintRule } from '../../types.js';
import { stepsOf, tasksOf } from '../../walk.js';

/** Rule 19 at call sites: a step or task supplies every input of the template it runs that has no default. */
export const callArguments: LintRule = {
  id: 'argo/call-arguments',
  severity: 'error',
  description: 'steps and tasks supply every required input of the template they run',
  validatesSpec: true,
  check(ctx, report) {
    for (const entry of ctx.templates) {
      const sites = [
        ...stepsOf(entry).map((s) => ({ ...s, holder: s.step })),
        ...tasksOf(entry).map((t) => ({ ...t, holder: t.task })),
      ];
      for (const site of sites) {
        const r = ctx.resolve(site.holder);
        if (r.status !== 'resolved') continue;
        const callee = str(r.template.name);
        for (const missing of missingInputs(r.template, obj(site.holder.arguments))) {
          report({
            path: `${site.path}.arguments`,
            message: `${site.label} ${callee === '' ? '' : `templates.${callee} `}${missing}`,
          });
        }
      }
    }
  },
};
