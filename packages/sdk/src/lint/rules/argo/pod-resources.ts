import { has, isObject, type Json, obj } from '../../json.js';
import { templateType } from '../../template-kind.js';
import type { LintRule, RuleFinding } from '../../types.js';

function podResourceProblems(prefix: string, path: string, resources: Json, report: (f: RuleFinding) => void): void {
  if (has(resources, 'claims')) {
    report({ path: `${path}.claims`, message: `${prefix}.claims is not supported for pod-level resources` });
  }
  for (const field of ['limits', 'requests']) {
    for (const name of Object.keys(obj(resources[field]))) {
      if (name === 'cpu' || name === 'memory' || name.startsWith('hugepages-')) continue;
      report({
        path: `${path}.${field}.${name}`,
        message: `${prefix}: ${JSON.stringify(name)} is not a valid pod-level resource, only cpu, memory and hugepages-* are supported`,
      });
    }
  }
}

/**
 * Rules 14 and 16: pod-level resources name only cpu, memory and hugepages and no claims; templates that run no
 * pod take no podResources or resourceClaims.
 */
export const podResources: LintRule = {
  id: 'argo/pod-resources',
  severity: 'error',
  description: 'podResources hold only cpu, memory and hugepages-*, and only on templates that create a pod',
  validatesSpec: true,
  check(ctx, report) {
    if (isObject(ctx.spec.podResources)) {
      podResourceProblems('spec.podResources', `${ctx.specPath}.podResources`, ctx.spec.podResources, report);
    }
    for (const { template, name, path } of ctx.templates) {
      const type = templateType(template);
      if (isObject(template.podResources)) {
        if (type === 'HTTP' || type === 'Plugin') {
          report({
            path: `${path}.podResources`,
            message: `templates.${name}.podResources is not supported for ${type} templates`,
          });
        }
        podResourceProblems(`templates.${name}.podResources`, `${path}.podResources`, template.podResources, report);
      }
      if (has(template, 'resourceClaims') && ['Steps', 'DAG', 'Suspend', 'HTTP', 'Plugin'].includes(type)) {
        report({
          path: `${path}.resourceClaims`,
          message: `templates.${name}.resourceClaims is not supported for ${type} templates, which do not create a pod`,
        });
      }
    }
  },
};
