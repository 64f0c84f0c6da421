/**
 * @packageDocumentation
 * Typed builders for every Argo Workflows object and the ML `pipeline()` layer, the compiler to CRDs,
 * YAML in and out, and the linter.
 */

export { ManifestParseError, parseYamlDocuments } from './yaml/parse.js';
export type {
  LintContext,
  LintDocument,
  LintFormat,
  LintIssue,
  LintOptions,
  LintReport,
  LintReportOptions,
  LintResult,
  LintRule,
  LintSeverity,
  Resolution,
  RuleFinding,
  TemplateEntry,
  ValidationMode,
} from './lint/index.js';
export {
  argoRules,
  cronScheduleProblem,
  defaultRules,
  formatLintReport,
  LINTED_KINDS,
  lint,
  policyRules,
  timezoneProblem,
} from './lint/index.js';
