import { type ArgoVersion, argoVersions, formatIssue, validateManifest } from '@sluice/argo-types';
import { closest } from '../model/did-you-mean.js';
import { isLintRuleId, LINT_RULE_IDS, type LintRuleId } from './rule-ids.js';
import type { LintSeverity } from './types.js';
import type { WorkflowDefaults } from './workflow-defaults.js';

/**
 * The `lint` section of `sluice.config.ts`.
 * @example
 * ```ts
 * import { defineConfig, type LintConfig } from '@sluice/sdk';
 *
 * const lint: LintConfig = { policy: true, rules: { 'policy/required-labels': 'error' } };
 * export default defineConfig({ lint });
 * ```
 */
export interface LintConfig {
  /**
   * Where the policy rules run: `true` on every workflow, `false` on none. Left out, on documents compiled from a
   * `pipeline()` only. `workflow lint --policy` / `--no-policy` override it.
   */
  readonly policy?: boolean;
  /** Severity per rule id, overriding the rule's default: `error` fails `workflow lint`, `warning` prints only, `off` disables. */
  readonly rules?: Readonly<Partial<Record<LintRuleId, LintSeverity>>>;
}

/**
 * The contents of `sluice.config.ts` (or `.js`, `.mjs`, `.json`).
 * @example
 * ```ts
 * import type { SluiceConfig } from '@sluice/sdk';
 *
 * const config: SluiceConfig = {
 *   argoVersion: '3.7',
 *   lint: { rules: { 'policy/run-as-non-root': 'warning' } },
 *   workflowDefaults: { spec: { serviceAccountName: 'etl' } },
 * };
 * export default config;
 * ```
 */
export interface SluiceConfig {
  /** Settings of `workflow lint`. */
  readonly lint?: LintConfig;
  /**
   * The controller's `workflowDefaults` (from its ConfigMap): labels, annotations and spec fields the cluster adds
   * to every workflow. Linting takes them into account, as Argo's validator does (`{{workflow.labels.team}}`
   * resolves when the defaults set the `team` label).
   */
  readonly workflowDefaults?: WorkflowDefaults;
  /**
   * The Argo release the cluster runs (`'3.5'` … `'4.1'`, default the newest): `workflow lint`, `submit` and the
   * cluster commands validate for it, and pipelines compile for it. `--argo-version` and `ARGO_VERSION` override it.
   */
  readonly argoVersion?: ArgoVersion;
}

/**
 * Declares a `sluice.config.ts`, typed: rule ids autocomplete and a misspelt one is a type error.
 * @example
 * ```ts
 * // sluice.config.ts
 * import { defineConfig } from '@sluice/sdk';
 *
 * export default defineConfig({
 *   lint: {
 *     policy: true, // also for workflows not compiled from a pipeline()
 *     rules: { 'policy/required-labels': 'error', 'policy/run-as-non-root': 'off' },
 *   },
 * });
 * ```
 */
export function defineConfig<const C extends SluiceConfig>(config: C): C {
  return config;
}

/**
 * A configuration file that is not a valid {@link SluiceConfig}: the message names the file and the field.
 * @example
 * ```ts
 * import { SluiceConfigError, validateConfig } from '@sluice/sdk';
 *
 * try {
 *   validateConfig({ lint: { policy: 'yes' } }, 'sluice.config.ts');
 * } catch (error) {
 *   if (error instanceof SluiceConfigError) console.error(error.message); // names the file, the field and the fix
 * }
 * ```
 */
export class SluiceConfigError extends Error {
  override readonly name = 'SluiceConfigError';
  /**
   * @param source - the configuration file, as printed
   * @param problem - what is wrong and what would be valid
   */
  constructor(
    readonly source: string,
    readonly problem: string,
  ) {
    super(`${source}: ${problem}`);
  }
}

const SEVERITIES: readonly LintSeverity[] = ['error', 'warning', 'off'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], where: string, source: string): void {
  for (const key of Object.keys(value)) {
    if (allowed.includes(key)) continue;
    const hint = closest(key, allowed);
    throw new SluiceConfigError(
      source,
      `${where}unknown key "${key}"${hint === undefined ? '' : `; did you mean "${hint}"?`} (allowed: ${allowed.join(', ')})`,
    );
  }
}

function checkRules(rules: unknown, source: string): Partial<Record<LintRuleId, LintSeverity>> {
  if (!isRecord(rules)) throw new SluiceConfigError(source, 'lint.rules must be an object of rule id → severity');
  const checked: Partial<Record<LintRuleId, LintSeverity>> = {};
  for (const [id, severity] of Object.entries(rules)) {
    if (!isLintRuleId(id)) {
      const hint = closest(id, LINT_RULE_IDS);
      throw new SluiceConfigError(
        source,
        `lint.rules: unknown rule id "${id}"${hint === undefined ? '' : `; did you mean "${hint}"?`} (rule ids are listed in docs/lint.md)`,
      );
    }
    const known = SEVERITIES.find((s) => s === severity);
    if (known === undefined) {
      throw new SluiceConfigError(
        source,
        `lint.rules["${id}"]: severity ${JSON.stringify(severity)} is not one of ${SEVERITIES.join(', ')}`,
      );
    }
    checked[id] = known;
  }
  return checked;
}

/**
 * Checks a loaded configuration (the default export of `sluice.config.ts`, or the parsed `.json`) and returns it
 * typed. Unknown keys, unknown rule ids (with the nearest known id as a suggestion) and bad severities throw.
 *
 * @throws {SluiceConfigError} naming `source` and the offending field.
 * @example
 * ```ts
 * import { validateConfig } from '@sluice/sdk';
 *
 * validateConfig({ lint: { rules: { 'policy/require-limits': 'warning' } } }, 'sluice.config.ts');
 * // SluiceConfigError: sluice.config.ts: lint.rules: unknown rule id "policy/require-limits"; did you mean "policy/resource-limits"? …
 * ```
 */
export function validateConfig(value: unknown, source: string): SluiceConfig {
  if (!isRecord(value)) {
    throw new SluiceConfigError(
      source,
      'the configuration must be an object, e.g. `export default defineConfig({ lint: {} })`',
    );
  }
  checkKeys(value, ['lint', 'workflowDefaults', 'argoVersion'], '', source);
  const workflowDefaults = {
    ...(value.workflowDefaults === undefined
      ? {}
      : { workflowDefaults: checkWorkflowDefaults(value.workflowDefaults, source) }),
    ...(value.argoVersion === undefined ? {} : { argoVersion: checkArgoVersion(value.argoVersion, source) }),
  };
  if (value.lint === undefined) return workflowDefaults;
  if (!isRecord(value.lint)) throw new SluiceConfigError(source, 'lint must be an object with `policy` and `rules`');
  const lint = value.lint;
  checkKeys(lint, ['policy', 'rules'], 'lint: ', source);
  if (lint.policy !== undefined && typeof lint.policy !== 'boolean') {
    throw new SluiceConfigError(source, `lint.policy must be true or false, not ${JSON.stringify(lint.policy)}`);
  }
  return {
    lint: {
      ...(lint.policy === undefined ? {} : { policy: lint.policy }),
      ...(lint.rules === undefined ? {} : { rules: checkRules(lint.rules, source) }),
    },
    ...workflowDefaults,
  };
}

function checkArgoVersion(value: unknown, source: string): ArgoVersion {
  const version = argoVersions.find((v) => v === value);
  if (version === undefined) {
    throw new SluiceConfigError(
      source,
      `argoVersion ${JSON.stringify(value)} is not a supported Argo release; use one of ${argoVersions.map((v) => `'${v}'`).join(', ')}`,
    );
  }
  return version;
}

/** `workflowDefaults` is a partial Workflow: checked against Argo's schema as one, every problem named. */
function checkWorkflowDefaults(value: unknown, source: string): WorkflowDefaults {
  if (!isRecord(value)) {
    throw new SluiceConfigError(source, 'workflowDefaults must be an object like { metadata: { labels }, spec: {} }');
  }
  checkKeys(value, ['metadata', 'spec'], 'workflowDefaults: ', source);
  const asWorkflow = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: {}, spec: {}, ...value };
  const issues = validateManifest(asWorkflow).issues;
  if (issues.length > 0) {
    const list = issues.map((i) => `workflowDefaults.${formatIssue(i)}`).join('; ');
    throw new SluiceConfigError(source, list);
  }
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  return {
    metadata: {
      ...(isRecord(metadata.labels) ? { labels: strings(metadata.labels) } : {}),
      ...(isRecord(metadata.annotations) ? { annotations: strings(metadata.annotations) } : {}),
    },
    spec: isRecord(value.spec) ? value.spec : {},
  };
}

function strings(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)]));
}
