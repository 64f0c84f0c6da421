import { obj } from '../../json.js';
import type { LintRule } from '../../types.js';

/**
 * The labels {@link requiredLabels} asks for by default: who owns the workload and what it is part of.
 * @example
 * ```ts
 * import { DEFAULT_REQUIRED_LABELS, requiredLabels } from '@sluice/sdk';
 *
 * const rule = requiredLabels([...DEFAULT_REQUIRED_LABELS, 'cost-center']);
 * ```
 */
export const DEFAULT_REQUIRED_LABELS: readonly string[] = ['team', 'app.kubernetes.io/part-of'];

/**
 * A rule requiring labels on the workflow object and on the pods it creates (`podMetadata` or each template's
 * `metadata`), for cost attribution and ownership. Build one with other keys for `LintOptions.extraRules`.
 * @example
 * ```ts
 * import { argoRules, lint, policyRules, requiredLabels } from '@sluice/sdk';
 *
 * const docs = [{ source: 'wf.yaml', doc: {} }];
 * lint(docs, {
 *   rules: [...argoRules, ...policyRules.filter((r) => r.id !== 'policy/required-labels'), requiredLabels(['team', 'cost-center'])],
 * });
 * ```
 */
export function requiredLabels(keys: readonly string[] = DEFAULT_REQUIRED_LABELS): LintRule {
  return {
    id: 'policy/required-labels',
    severity: 'warning',
    description: `workflows and their pods carry the labels ${keys.join(', ')}`,
    check(ctx, report) {
      const labels = obj(obj(obj(ctx.doc).metadata).labels);
      const missing = keys.filter((k) => typeof labels[k] !== 'string');
      if (missing.length > 0)
        report({
          path: 'metadata.labels',
          message: `metadata.labels is missing ${missing.join(', ')}: label every object with ${keys.join(', ')}`,
        });
      if (ctx.kind === 'CronWorkflow' || ctx.templates.length === 0) return;
      const podLabels = obj(obj(ctx.spec.podMetadata).labels);
      for (const { template, name, path } of ctx.templates) {
        if (!['container', 'script', 'containerSet', 'resource'].some((f) => f in template)) continue;
        const own = obj(obj(template.metadata).labels);
        const absent = keys.filter((k) => typeof own[k] !== 'string' && typeof podLabels[k] !== 'string');
        if (absent.length > 0)
          report({
            path: `${path}.metadata.labels`,
            message: `templates.${name}.metadata.labels is missing ${absent.join(', ')} (set them there or in ${ctx.specPath}.podMetadata.labels)`,
          });
      }
    },
  };
}
