import { formatIssue, validateManifest } from '@sluice/argo-types';
import { lint } from '@sluice/sdk';
import { loadManifests } from '../load-manifests.js';
import type { LintTarget } from './lint-target.js';
import { ValidationFailure } from './run-cluster.js';

/** A manifest read from a file, with where it came from. */
export interface SourcedManifest {
  /** The file, as the user named it. */
  readonly source: string;
  /** The parsed manifest. */
  readonly doc: Record<string, unknown>;
  /** True when it was compiled from a `pipeline()` (the policy lint rules then apply, as in `workflow lint`). */
  readonly fromPipeline?: boolean;
}

/**
 * Reads the manifests of a file the way `workflow lint` and `compile` read their inputs (`loadManifests`): a
 * TypeScript or JavaScript entry, or YAML / JSON documents (`-` is not supported: CI should submit files). A file
 * that cannot be read is a {@link ValidationFailure}; nothing is sent.
 */
export async function readManifests(
  file: string,
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SourcedManifest[]> {
  const { manifests, problems } = await loadManifests([file], cwd, {}, env);
  if (problems.length > 0) throw new ValidationFailure(problems.map((p) => `${p.source}: ${p.message}`).join('\n'));
  return manifests.map(({ source, doc, fromPipeline }, i) => {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      throw new ValidationFailure(`${file}: document ${i + 1} is not an object`);
    }
    const record = doc as Record<string, unknown>;
    return fromPipeline ? { source, doc: record, fromPipeline } : { source, doc: record };
  });
}

/**
 * Validates manifests against the Argo schema of the target release (loaded by `lintTarget`); throws a
 * {@link ValidationFailure} listing every issue.
 */
export function validateAll(manifests: readonly SourcedManifest[], target?: LintTarget): void {
  const problems: string[] = [];
  for (const { source, doc } of manifests) {
    const result = validateManifest(doc, target === undefined ? {} : { argoVersion: target.argoVersion });
    const name = nameOf(doc);
    for (const issue of result.issues)
      problems.push(`${source}: ${result.kind ?? 'object'} "${name}": ${formatIssue(issue)}`);
  }
  if (problems.length > 0) throw new ValidationFailure(problems.join('\n'));
}

/**
 * Lints manifests with the SDK's linter (the same rules as `workflow lint`); errors fail with a
 * {@link ValidationFailure}, warnings are returned for printing.
 */
export function lintAll(manifests: readonly SourcedManifest[], target?: LintTarget): string[] {
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const r of lint(manifests, target ?? {})) {
    for (const issue of r.errors) {
      const line = `${r.source}: in "${r.name}" (${r.kind}): ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
      (issue.severity === 'warning' ? warnings : errors).push(line);
    }
  }
  if (errors.length > 0) {
    throw new ValidationFailure(
      `${errors.join('\n')}\n${errors.length} linting error(s); nothing was sent (use --no-lint to skip)`,
    );
  }
  return warnings;
}

/** The name, else the generateName, of a manifest. */
export function nameOf(doc: Record<string, unknown>): string {
  const meta = (doc.metadata ?? {}) as { name?: unknown; generateName?: unknown };
  return String(meta.name ?? meta.generateName ?? '');
}
