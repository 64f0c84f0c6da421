import path from 'node:path';
import { manifestFileName, toJson, toYaml } from '@sluice/sdk';

/** The serialisation formats of `workflow compile`. */
export type ManifestFormat = 'yaml' | 'json';

/** One file to write (or, with no path, the text for standard output). */
export interface PlannedOutput {
  /** Absolute path, or undefined for standard output. */
  readonly path: string | undefined;
  /** The content. */
  readonly content: string;
}

/** Where compiled manifests go: standard output, one file, or a directory with one file per manifest. */
export type OutputTarget =
  | { readonly kind: 'stdout' }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'dir'; readonly path: string };

/** Renders manifests in the format: a multi-document YAML stream, or JSON (an array when there are several). */
export function render(manifests: readonly object[], format: ManifestFormat): string {
  if (format === 'json') return manifests.length === 1 && manifests[0] ? toJson(manifests[0]) : toJson(manifests);
  return manifests.length === 1 && manifests[0] ? toYaml(manifests[0]) : toYaml(manifests);
}

/**
 * Decides which files to write for a target. Other layouts (e.g. a Kustomize tree) plug in here as further
 * {@link OutputTarget} kinds.
 */
export function planOutputs(
  manifests: readonly object[],
  format: ManifestFormat,
  target: OutputTarget,
): PlannedOutput[] {
  if (target.kind === 'stdout') return [{ path: undefined, content: render(manifests, format) }];
  if (target.kind === 'file') return [{ path: target.path, content: render(manifests, format) }];
  const used = new Set<string>();
  return manifests.map((m, i) => {
    const base = manifestFileName(m, format, i);
    let name = base;
    for (let n = 2; used.has(name); n++) name = base.replace(`.${format}`, `-${n}.${format}`);
    used.add(name);
    return { path: path.join(target.path, name), content: render([m], format) };
  });
}
