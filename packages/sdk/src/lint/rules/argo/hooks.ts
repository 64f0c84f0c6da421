import { obj } from '../../json.js';
import type { LintRule } from '../../types.js';
import { stepsOf } from '../../walk.js';

/** Every lifecycle hook but `exit` needs an expression (Argo's `validateHooks`). */
function hookProblems(hooks: unknown, base: string): { hook: string; message: string }[] {
  return Object.entries(obj(hooks))
    .filter(
      ([name, hook]) => name !== 'exit' && (typeof obj(hook).expression !== 'string' || obj(hook).expression === ''),
    )
    .map(([hook]) => ({ hook, message: `${base}.${hook} Expression required` }));
}

/** Rule 12: workflow and step lifecycle hooks other than `exit` have an expression (DAG task hooks are not checked). */
export const hooks: LintRule = {
  id: 'argo/hooks',
  severity: 'error',
  description: 'lifecycle hooks other than exit have an expression',
  validatesSpec: true,
  check(ctx, report) {
    for (const p of hookProblems(ctx.spec.hooks, 'hooks')) {
      report({ path: `${ctx.specPath}.hooks.${p.hook}`, message: p.message });
    }
    for (const entry of ctx.templates) {
      for (const site of stepsOf(entry)) {
        for (const p of hookProblems(site.step.hooks, site.label)) {
          report({ path: `${site.path}.hooks.${p.hook}`, message: p.message });
        }
      }
    }
  },
};
