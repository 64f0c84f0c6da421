import { listNameProblems } from '../../names.js';
import type { LintRule } from '../../types.js';

/** Rule 3: template names are present, unique and DNS-label-like. */
export const templateNames: LintRule = {
  id: 'argo/template-names',
  severity: 'error',
  description: 'spec.templates[].name is set, unique, at most 128 characters of alphanumerics and -',
  validatesSpec: true,
  check(ctx, report) {
    for (const p of listNameProblems(
      ctx.templates.map((t) => t.name),
      'field',
    )) {
      report({ path: `${ctx.specPath}.templates[${p.index}].name`, message: `spec.templates${p.message}` });
    }
  },
};
