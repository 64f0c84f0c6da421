/**
 * The id of every built-in lint finding, in report order: the structural check, Argo's validator rules, then
 * Sluice's policy rules. A test keeps it equal to the ids of `argoRules` and `policyRules`.
 * @example
 * ```ts
 * import { LINT_RULE_IDS } from '@sluice/sdk';
 *
 * const policies = LINT_RULE_IDS.filter((id) => id.startsWith('policy/'));
 * ```
 */
export const LINT_RULE_IDS = [
  'schema/structure',
  'argo/duplicate-template',
  'argo/object-name-length',
  'argo/cron',
  'argo/workflow-template-ref',
  'argo/template-names',
  'argo/executor-plugins',
  'argo/arguments',
  'argo/entrypoint',
  'argo/hooks',
  'argo/pod-gc',
  'argo/pod-resources',
  'argo/template-type',
  'argo/inputs',
  'argo/retry-policy',
  'argo/timeouts',
  'argo/variables',
  'argo/mount-collisions',
  'argo/image-required',
  'argo/container-set',
  'argo/reserved-container-names',
  'argo/resource',
  'argo/outputs',
  'argo/archive-location',
  'argo/metrics',
  'argo/template-references',
  'argo/call-arguments',
  'argo/steps',
  'argo/dag-structure',
  'argo/dag-dependencies',
  'argo/dag-targets',
  'argo/dag-argument-dependency',
  'policy/resource-limits',
  'policy/pinned-image',
  'policy/pod-security-restricted',
  'policy/run-as-non-root',
  'policy/gpu-scheduling',
  'policy/cpu-stage-gpu-toleration',
  'policy/no-secret-env',
  'policy/no-secret-parameter',
  'policy/required-labels',
] as const;

/**
 * The id of a built-in lint rule, e.g. `policy/resource-limits` or `argo/dag-dependencies`.
 * @example
 * ```ts
 * import { defineConfig, type LintRuleId } from '@sluice/sdk';
 *
 * const strict: LintRuleId[] = ['policy/required-labels', 'policy/run-as-non-root'];
 * export default defineConfig({ lint: { rules: Object.fromEntries(strict.map((id) => [id, 'error'])) } });
 * ```
 */
export type LintRuleId = (typeof LINT_RULE_IDS)[number];

/** True when `id` names a built-in rule. */
export function isLintRuleId(id: string): id is LintRuleId {
  return (LINT_RULE_IDS as readonly string[]).includes(id);
}
