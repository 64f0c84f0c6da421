import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatIssue, validateManifest } from '@sluice/argo-types';
import { parseYamlDocuments } from '@sluice/sdk';
import { UsageError } from '../command.js';
import { compilableExports, importEntry, manifestsOf } from '../load-entry.js';
import { ValidationFailure } from './run-cluster.js';

/** A manifest read from a file, with where it came from. */
export interface SourcedManifest {
  /** The file, as the user named it. */
  readonly source: string;
  /** The parsed manifest. */
  readonly doc: Record<string, unknown>;
}

/**
 * Reads the manifests of a file: a TypeScript or JavaScript entry (compiled through its exports' `toManifests()`
 * or `toObject()`), or YAML / JSON documents (`-` is not supported: CI should submit files).
 */
export async function readManifests(file: string, cwd: string): Promise<SourcedManifest[]> {
  let docs: unknown[];
  if (/\.[cm]?[jt]sx?$/.test(file)) {
    const exports = await importEntry(file, cwd);
    const found = compilableExports(exports);
    if (found.length === 0) {
      throw new ValidationFailure(`${file}: exports nothing to submit (no value with toManifests() or toObject())`);
    }
    docs = found.flatMap(({ value }) => manifestsOf(value));
  } else {
    let text: string;
    try {
      text = await readFile(path.resolve(cwd, file), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${file}: no such file`);
      throw error;
    }
    try {
      docs = parseYamlDocuments(text, file);
    } catch (error) {
      throw new ValidationFailure((error as Error).message);
    }
  }
  return docs.map((doc, i) => {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      throw new ValidationFailure(`${file}: document ${i + 1} is not an object`);
    }
    return { source: file, doc: doc as Record<string, unknown> };
  });
}

/** Validates manifests against the Argo schema; throws a {@link ValidationFailure} listing every issue. */
export function validateAll(manifests: readonly SourcedManifest[]): void {
  const problems: string[] = [];
  for (const { source, doc } of manifests) {
    const result = validateManifest(doc);
    const name = nameOf(doc);
    for (const issue of result.issues)
      problems.push(`${source}: ${result.kind ?? 'object'} "${name}": ${formatIssue(issue)}`);
  }
  if (problems.length > 0) throw new ValidationFailure(problems.join('\n'));
}

/**
 * Lints manifests with the SDK's linter (the same rules as `workflow lint`) when it is available; errors fail with a
 * {@link ValidationFailure}, warnings are returned for printing.
 */
export async function lintAll(manifests: readonly SourcedManifest[]): Promise<string[]> {
  const sdk: Record<string, unknown> = await import('@sluice/sdk');
  const lint = sdk.lint;
  if (typeof lint !== 'function') return [];
  const results = (lint as (docs: readonly SourcedManifest[]) => LintResultLike[])(manifests);
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const r of results) {
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

interface LintResultLike {
  readonly source: string;
  readonly kind: string;
  readonly name: string;
  readonly errors: readonly { readonly path?: string; readonly message: string; readonly severity?: string }[];
}

/** The name, else the generateName, of a manifest. */
export function nameOf(doc: Record<string, unknown>): string {
  const meta = (doc.metadata ?? {}) as { name?: unknown; generateName?: unknown };
  return String(meta.name ?? meta.generateName ?? '');
}
