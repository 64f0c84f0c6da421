import type { ArgoVersion } from '@sluice/argo-types';
import type { LintContext } from './context.js';
import type { WorkflowDefaults } from './workflow-defaults.js';

/**
 * How serious a lint finding is. `off` disables a rule.
 * @example
 * ```ts
 * import { lint, type LintSeverity } from '@sluice/sdk';
 *
 * const severity: Record<string, LintSeverity> = { 'policy/run-as-non-root': 'off', 'policy/required-labels': 'error' };
 * lint([{ source: 'wf.yaml', doc: {} }], { policy: true, severity });
 * ```
 */
export type LintSeverity = 'error' | 'warning' | 'off';

/**
 * A document to lint: where it came from (a file path or other label) and its parsed value.
 * @example
 * ```ts
 * import fs from 'node:fs';
 * import { lint, type LintDocument, parseYamlDocuments } from '@sluice/sdk';
 *
 * const text = fs.readFileSync('workflows/etl.yaml', 'utf8');
 * const docs: LintDocument[] = parseYamlDocuments(text, 'workflows/etl.yaml').map((doc) => ({ source: 'workflows/etl.yaml', doc }));
 * lint(docs);
 * ```
 */
export interface LintDocument {
  /** File path or label, printed in reports. */
  readonly source: string;
  /** The parsed manifest. */
  readonly doc: unknown;
  /**
   * True when the document was compiled from a `pipeline()` (the CLI sets it for an entry that exports one): the
   * policy rules then apply unless `LintOptions.policy` is `false`. Documents labelled
   * `app.kubernetes.io/managed-by: sluice` count as compiled from a pipeline without it.
   */
  readonly fromPipeline?: boolean;
}

/**
 * One finding.
 * @example
 * ```ts
 * import { lint, type LintIssue } from '@sluice/sdk';
 *
 * const show = (issue: LintIssue) => `${issue.severity} ${issue.rule} ${issue.path ?? ''}: ${issue.message}`;
 * for (const r of lint([{ source: 'wf.yaml', doc: {} }])) r.errors.map(show).forEach((line) => console.log(line));
 * ```
 */
export interface LintIssue {
  /** JSON path of the offending value from the document root (e.g. `spec.templates[1].dag.tasks[0]`), when known. */
  readonly path?: string;
  /** What is wrong, in Argo's own words where Argo has a rule for it. */
  readonly message: string;
  /** The id of the rule that found it, e.g. `argo/dag-cycle`. */
  readonly rule: string;
  /** `error` fails `workflow lint`; `warning` is printed only. */
  readonly severity: Exclude<LintSeverity, 'off'>;
}

/**
 * The findings for one workflow-kind document.
 * @example
 * ```ts
 * import { lint, type LintResult } from '@sluice/sdk';
 *
 * const results: LintResult[] = lint([{ source: 'wf.yaml', doc: { kind: 'Workflow' } }]);
 * const failing = results.filter((r) => r.errors.some((e) => e.severity === 'error')).map((r) => `${r.kind}/${r.name}`);
 * ```
 */
export interface LintResult {
  /** The source the document came from. */
  readonly source: string;
  /** Its kind: Workflow, WorkflowTemplate, ClusterWorkflowTemplate or CronWorkflow. */
  readonly kind: string;
  /** Its name, else its generateName, else `object #<i>` (i counts documents from 1, as Argo does). */
  readonly name: string;
  /** Every finding, structural ones first. */
  readonly errors: readonly LintIssue[];
}

/**
 * What a rule reports: a message and, where known, a JSON path.
 * @example
 * ```ts
 * import type { LintRule, RuleFinding } from '@sluice/sdk';
 *
 * const rule: LintRule = {
 *   id: 'policy/has-entrypoint',
 *   severity: 'error',
 *   description: 'workflows name their entrypoint',
 *   check(ctx, report) {
 *     const finding: RuleFinding = { path: `${ctx.specPath}.entrypoint`, message: 'set spec.entrypoint' };
 *     if (ctx.spec.entrypoint === undefined) report(finding);
 *   },
 * };
 * ```
 */
export interface RuleFinding {
  /** JSON path from the document root. */
  readonly path?: string;
  /** The message. */
  readonly message: string;
}

/**
 * One lint rule: a small module with an id, a default severity and a check. Rules live one family per file under
 * `lint/rules/<group>/`; add a rule by appending it to its group's list.
 * @example
 * ```ts
 * import { argoRules, lint, type LintRule, policyRules } from '@sluice/sdk';
 *
 * export const noLatestTag: LintRule = {
 *   id: 'policy/no-latest-tag',
 *   severity: 'warning',
 *   description: 'container images must be pinned',
 *   check(ctx, report) {
 *     for (const t of ctx.templates) {
 *       const container = t.template.container as { image?: unknown } | undefined;
 *       if (typeof container?.image === 'string' && container.image.endsWith(':latest')) {
 *         report({ path: `${t.path}.container.image`, message: `templates.${t.name} uses a latest tag` });
 *       }
 *     }
 *   },
 * };
 * lint([{ source: 'wf.yaml', doc: {} }], { rules: [...argoRules, ...policyRules, noLatestTag] });
 * ```
 */
export interface LintRule {
  /** Unique id, `<group>/<kebab-name>`, used in reports and in severity overrides. */
  readonly id: string;
  /** Severity unless overridden in {@link LintOptions.severity}. */
  readonly severity: Exclude<LintSeverity, 'off'>;
  /** One line on what the rule checks. */
  readonly description: string;
  /**
   * True when the rule checks the workflow spec: for a CronWorkflow its messages get Argo's
   * `cannot validate Workflow: ` prefix.
   */
  readonly validatesSpec?: boolean;
  /** Runs the check on one document and reports each finding. */
  check(ctx: LintContext, report: (finding: RuleFinding) => void): void;
}

/**
 * Options of `lint()`.
 * @example
 * ```ts
 * import { lint, type LintOptions } from '@sluice/sdk';
 *
 * const options: LintOptions = { policy: true, kinds: ['Workflow', 'WorkflowTemplate'], severity: { 'policy/required-labels': 'error' } };
 * lint([{ source: 'wf.yaml', doc: {} }], options);
 * ```
 */
export interface LintOptions {
  /** Replaces the rule set (default: Argo's validator rules, plus the policy rules where `policy` says). */
  readonly rules?: readonly LintRule[];
  /**
   * Where Sluice's policy rules (resource limits, pinned images, Pod Security, labels, …) run: `true` on every
   * document, `false` on none. Left out, they run on documents compiled from a `pipeline()` only (see
   * {@link LintDocument.fromPipeline}), so that `lint()` accepts exactly what Argo accepts of any other workflow.
   */
  readonly policy?: boolean;
  /** Extra rules run after the default set. */
  readonly extraRules?: readonly LintRule[];
  /** Severity per rule id, overriding each rule's default; `off` disables the rule. */
  readonly severity?: Readonly<Record<string, LintSeverity>>;
  /** Only lint these kinds (default: the four workflow kinds). */
  readonly kinds?: readonly string[];
  /** Skip the structural (JSON schema) validation. */
  readonly skipStructural?: boolean;
  /**
   * The controller's `workflowDefaults`: merged under each document before Argo's rules run (the structural check
   * still sees the document as written), so labels, annotations, arguments and templateDefaults the cluster adds
   * count, as they do for Argo.
   */
  readonly workflowDefaults?: WorkflowDefaults;
  /**
   * The Argo release to lint for (default: the newest). The structural check uses that release's schema, which
   * must be loaded first with `await loadArgoSchema(version)` from `@sluice/argo-types` (the newest always is).
   */
  readonly argoVersion?: ArgoVersion;
}
