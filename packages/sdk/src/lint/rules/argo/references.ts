import type { LintRule } from '../../types.js';
import { stepsOf, tasksOf } from '../../walk.js';

/**
 * Rules 34 and 35: a step or task names a template that exists, locally or (through `templateRef`) in a
 * (Cluster)WorkflowTemplate among the linted files. References still holding `{{…}}` are skipped, as in Argo.
 */
export const references: LintRule = {
  id: 'argo/template-references',
  severity: 'error',
  description: 'template and templateRef of steps and tasks resolve',
  validatesSpec: true,
  check(ctx, report) {
    for (const entry of ctx.templates) {
      for (const site of stepsOf(entry)) {
        const r = ctx.resolve(site.step);
        if (r.status === 'error') report({ path: site.path, message: `${site.label} ${r.message}` });
      }
      for (const site of tasksOf(entry)) {
        const r = ctx.resolve(site.task);
        if (r.status === 'error') report({ path: site.path, message: `${site.label} ${r.message}` });
      }
    }
  },
};
