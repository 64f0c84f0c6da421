import { has, type Json } from '../../json.js';
import { isLeaf, templateType } from '../../template-kind.js';
import type { LintRule, RuleFinding } from '../../types.js';

const ARGO_VARIABLE = /^\{\{.+\}\}$/;

/** Argo's `IsValidIntOrArgoVariable` plus its negative check: 0 and positive integers, or a `{{…}}` variable. */
function validDeadline(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0;
  if (typeof value !== 'string') return false;
  if (/^[-+]?\d+$/.test(value)) return Number.parseInt(value, 10) >= 0;
  return ARGO_VARIABLE.test(value.trim());
}

function checkTemplate(template: Json, name: string, path: string, report: (f: RuleFinding) => void): void {
  const type = templateType(template);
  const leaf = isLeaf(template);
  const timeout = template.timeout;
  if (typeof timeout === 'string' && timeout !== '') {
    if (!leaf)
      report({ path: `${path}.timeout`, message: `templates.${name} ${type} template doesn't support timeout field` });
    else if (/^[-+]?\d+$/.test(timeout)) {
      report({ path: `${path}.timeout`, message: `templates.${name} ${name} has invalid duration format in timeout` });
    }
  }
  if (typeof template.pendingTimeout === 'string' && template.pendingTimeout !== '' && !leaf) {
    report({
      path: `${path}.pendingTimeout`,
      message: `templates.${name} ${type} template doesn't support pendingTimeout field`,
    });
  }
  const nonLeaf = type === 'Steps' || type === 'DAG';
  if (has(template, 'activeDeadlineSeconds')) {
    if (nonLeaf) {
      report({
        path: `${path}.activeDeadlineSeconds`,
        message: `templates.${name}.activeDeadlineSeconds is only valid for leaf templates`,
      });
    } else if (!validDeadline(template.activeDeadlineSeconds)) {
      report({
        path: `${path}.activeDeadlineSeconds`,
        message: `templates.${name}.activeDeadlineSeconds must be a positive integer > 0 or an argo variable`,
      });
    }
  }
  if (has(template, 'parallelism') && !nonLeaf) {
    report({
      path: `${path}.parallelism`,
      message: `templates.${name}.parallelism is only valid for steps and dag templates`,
    });
  }
}

/** Rules 21–23: timeouts and deadlines only on leaf templates, in a valid form; parallelism only on steps and DAGs. */
export const timeouts: LintRule = {
  id: 'argo/timeouts',
  severity: 'error',
  description:
    'timeout, pendingTimeout and activeDeadlineSeconds on leaves only, well-formed; parallelism on steps/dag only',
  validatesSpec: true,
  check(ctx, report) {
    for (const { template, name, path } of ctx.templates) checkTemplate(template, name, path, report);
  },
};
