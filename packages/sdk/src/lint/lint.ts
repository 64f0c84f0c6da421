import { formatIssue, validateManifest } from '@sluice/argo-types';
import { createContext } from './context.js';
import { isObject, type Json, obj, str } from './json.js';
import { intendedKind } from './misspelt-kind.js';
import { policyApplies } from './policy-scope.js';
import { rootCausesFirst } from './root-cause.js';
import { argoRules, policyRules } from './rules/index.js';
import { TemplateLibrary } from './template-library.js';
import type { LintDocument, LintIssue, LintOptions, LintResult, LintRule } from './types.js';
import { withWorkflowDefaults } from './workflow-defaults.js';

/**
 * The four kinds `lint()` checks; any other document is skipped silently, as `argo lint` does, except a misspelt
 * workflow kind (`kind: workflow`), which is reported as an error naming the valid kind.
 * @example
 * ```ts
 * import { lint, LINTED_KINDS } from '@sluice/sdk';
 *
 * console.log(`workflow lint checks ${LINTED_KINDS.join(', ')}`);
 * lint([], { kinds: LINTED_KINDS.filter((k) => k !== 'CronWorkflow') });
 * ```
 */
export const LINTED_KINDS: readonly string[] = [
  'Workflow',
  'WorkflowTemplate',
  'ClusterWorkflowTemplate',
  'CronWorkflow',
];

/** Argo's display name of an object: its name, else its generateName, else `object #<n>`. */
function displayName(doc: Json, ordinal: number): string {
  const meta = obj(doc.metadata);
  return str(meta.name) || str(meta.generateName) || `object #${ordinal}`;
}

/** The result for a document whose kind is a misspelling of a workflow kind: Kubernetes would reject it. */
function misspeltKindResult(source: string, doc: Json, name: string, intended: string): LintResult {
  const message = `kind "${str(doc.kind)}" is not a valid kind (kinds are case-sensitive); did you mean ${intended}?`;
  return {
    source,
    kind: str(doc.kind),
    name,
    errors: [{ path: 'kind', message, rule: 'schema/structure', severity: 'error' }],
  };
}

function runRule(
  rule: LintRule,
  ctx: ReturnType<typeof createContext>,
  push: (issue: Omit<LintIssue, 'rule' | 'severity'>) => void,
): void {
  const prefix = rule.validatesSpec === true && ctx.kind === 'CronWorkflow' ? 'cannot validate Workflow: ' : '';
  try {
    rule.check(ctx, (f) =>
      push({ ...(f.path === undefined ? {} : { path: f.path }), message: `${prefix}${f.message}` }),
    );
  } catch (error) {
    push({
      message: `internal error in lint rule ${rule.id}: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}

/**
 * Lints Argo manifests the way `argo lint --offline` does, but reports every problem rather than the first:
 * structural validation against the Argo schema (unknown fields, wrong types), then the semantic rules of Argo's
 * validator with Argo's own messages, then Sluice's policy rules — on documents compiled from a `pipeline()` by
 * default, on all with `policy: true`, on none with `policy: false`. `templateRef`s and `workflowTemplateRef`s
 * resolve against the (Cluster)WorkflowTemplates among `documents`; documents of other kinds are skipped.
 *
 * Lint-mode semantics per kind: Workflows and (Cluster)WorkflowTemplates may leave `spec.arguments` values empty;
 * templates may omit `entrypoint`; CronWorkflows are strict, and their spec errors read `cannot validate Workflow: …`.
 * @example
 * ```ts
 * import { lint } from '@sluice/sdk';
 * import { parse } from 'yaml';
 *
 * const doc = parse(`
 * apiVersion: argoproj.io/v1alpha1
 * kind: Workflow
 * metadata: {generateName: cycle-}
 * spec:
 *   entrypoint: main
 *   templates:
 *   - name: main
 *     dag:
 *       tasks:
 *       - {name: a, template: main, depends: b}
 *       - {name: b, template: main, depends: a}
 * `);
 * const results = lint([{ source: 'wf.yaml', doc }]);
 * for (const r of results) for (const e of r.errors) console.log(`${r.source}: ${e.message}`);
 * // wf.yaml: templates.main.tasks dependency cycle detected: b->a->b
 * ```
 */
export function lint(documents: readonly LintDocument[], options: LintOptions = {}): LintResult[] {
  const kinds = options.kinds ?? LINTED_KINDS;
  const library = new TemplateLibrary(documents);
  const extra = options.extraRules ?? [];
  const withPolicy = [...(options.rules ?? [...argoRules, ...policyRules]), ...extra];
  const withoutPolicy = [...(options.rules ?? argoRules), ...extra];
  const ordinals = new Map<string, number>();
  const results: LintResult[] = [];
  for (const document of documents) {
    const { source, doc } = document;
    const ordinal = (ordinals.get(source) ?? 0) + 1;
    ordinals.set(source, ordinal);
    if (!isObject(doc)) continue;
    const intended = intendedKind(doc, kinds);
    if (intended !== undefined) {
      results.push(misspeltKindResult(source, doc, displayName(doc, ordinal), intended));
      continue;
    }
    if (!kinds.includes(str(doc.kind))) continue;
    const name = displayName(doc, ordinal);
    const errors: LintIssue[] = [];
    if (options.skipStructural !== true) {
      const version = options.argoVersion === undefined ? {} : { argoVersion: options.argoVersion };
      for (const issue of validateManifest(doc, version).issues) {
        errors.push({ path: issue.path, message: formatIssue(issue), rule: 'schema/structure', severity: 'error' });
      }
    }
    for (const duplicate of library.duplicates) {
      if (duplicate.doc === doc) {
        errors.push({
          path: 'metadata.name',
          message: duplicate.message,
          rule: 'argo/duplicate-template',
          severity: 'error',
        });
      }
    }
    const merged = options.workflowDefaults === undefined ? doc : withWorkflowDefaults(doc, options.workflowDefaults);
    const ctx = createContext(merged, source, name, library);
    for (const rule of policyApplies(options.policy, document) ? withPolicy : withoutPolicy) {
      const severity = options.severity?.[rule.id] ?? rule.severity;
      if (severity === 'off') continue;
      runRule(rule, ctx, (issue) => errors.push({ ...issue, rule: rule.id, severity }));
    }
    results.push({ source, kind: str(doc.kind), name, errors: rootCausesFirst(errors) });
  }
  return results;
}
