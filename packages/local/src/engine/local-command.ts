import type { Template } from '@sluice/argo-types';
import { localCommandAnnotation } from '../annotations.js';
import { type FlatScope, type SubstituteOptions, substitute, substituteDeep } from '../expression/substitute.js';
import { splitCommand } from '../preflight.js';
import { RunnerError } from './runner-error.js';

/**
 * Parses a `sluice.dev/local-command` annotation as written (before any `{{…}}` substitution): a JSON list of
 * strings, or a plain command line split on spaces (quotes honoured).
 *
 * @throws {RunnerError} `<where>: annotation sluice.dev/local-command …` when it is not a non-empty list of strings.
 * @example
 * ```ts
 * parseLocalCommand('["node","stage.js","--param","rows={{inputs.parameters.rows}}"]', 'templates.load');
 * // ['node', 'stage.js', '--param', 'rows={{inputs.parameters.rows}}']
 * ```
 */
export function parseLocalCommand(text: string, where: string): string[] {
  const trimmed = text.trim();
  let argv: unknown;
  try {
    argv = trimmed.startsWith('[') ? JSON.parse(trimmed) : splitCommand(trimmed);
  } catch (error) {
    throw new RunnerError(
      `${where}: annotation ${localCommandAnnotation} is not a JSON list of strings (${(error as Error).message})`,
    );
  }
  if (!Array.isArray(argv) || argv.length === 0 || !argv.every((a) => typeof a === 'string')) {
    throw new RunnerError(`${where}: annotation ${localCommandAnnotation} must be a non-empty list of strings`);
  }
  return argv;
}

/**
 * Substitutes `{{…}}` tags in a leaf template. The `sluice.dev/local-command` annotation is parsed first and each
 * of its arguments substituted on its own, so that a value holding quotes or JSON (a looped stage's output list)
 * stays one argument; the annotation comes back as a JSON list.
 */
export function substituteLeaf(
  template: Template,
  scope: FlatScope,
  options: SubstituteOptions & { skip?: readonly string[] },
): Template {
  const annotations = template.metadata?.annotations;
  const raw = annotations?.[localCommandAnnotation];
  if (raw === undefined) return substituteDeep(template, scope, options);
  const others = Object.fromEntries(Object.entries(annotations ?? {}).filter(([k]) => k !== localCommandAnnotation));
  const rest = substituteDeep({ ...template, metadata: { ...template.metadata, annotations: others } }, scope, options);
  const argv = parseLocalCommand(raw, options.where).map((arg) => substitute(arg, scope, options));
  return {
    ...rest,
    metadata: {
      ...rest.metadata,
      annotations: { ...rest.metadata?.annotations, [localCommandAnnotation]: JSON.stringify(argv) },
    },
  };
}
