export { defineConfig, type LintConfig, type SluiceConfig, SluiceConfigError, validateConfig } from './config.js';
export type { LintContext, Resolution, TemplateEntry, ValidationMode } from './context.js';
export { cronScheduleProblem, timezoneProblem } from './cron-schedule.js';
export { formatLintReport, type LintFormat, type LintReport, type LintReportOptions } from './format.js';
export { LINTED_KINDS, lint } from './lint.js';
export { isPipelineDocument } from './policy-scope.js';
export { LINT_RULE_IDS, type LintRuleId } from './rule-ids.js';
export { argoRules, policyRules } from './rules/index.js';
export type { LintDocument, LintIssue, LintOptions, LintResult, LintRule, LintSeverity, RuleFinding } from './types.js';
