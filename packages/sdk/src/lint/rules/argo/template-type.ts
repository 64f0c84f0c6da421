import { typeFields } from '../../template-kind.js';
import type { LintRule } from '../../types.js';

const CHOICES = 'choose one of: container, containerSet, steps, script, resource, dag, suspend, template, template ref';

/** Rule 15: every template has exactly one type. */
export const templateTypeRule: LintRule = {
  id: 'argo/template-type',
  severity: 'error',
  description:
    'a template sets exactly one of container, containerSet, steps, script, resource, dag, suspend, data, http, plugin',
  validatesSpec: true,
  check(ctx, report) {
    for (const { template, name, path } of ctx.templates) {
      const count = typeFields(template).length;
      if (count === 0) report({ path, message: `templates.${name} template type unspecified. ${CHOICES}` });
      if (count > 1) report({ path, message: `templates.${name} multiple template types specified. ${CHOICES}` });
    }
  },
};
