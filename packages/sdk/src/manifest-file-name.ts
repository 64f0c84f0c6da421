/**
 * How a manifest is serialised in a file: the file name's extension.
 * @example
 * ```ts
 * import { type ManifestExtension, manifestFileName } from '@sluice/sdk';
 *
 * const extension: ManifestExtension = 'json';
 * manifestFileName({ kind: 'WorkflowTemplate', metadata: { name: 'etl' } }, extension); // 'workflow-template-etl.json'
 * ```
 */
export type ManifestExtension = 'yaml' | 'json';

function stringAt(value: unknown, key: string): string | undefined {
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
  const found: unknown = (value as Record<string, unknown>)[key];
  return typeof found === 'string' && found !== '' ? found : undefined;
}

/**
 * The file name Sluice gives a manifest wherever it writes one per file (`workflow compile --output-file dir/`,
 * the Kustomize `base/` of `--out`): `<kind in kebab case>-<name>.<extension>`, e.g.
 * `workflow-template-etl.yaml`. A `generateName` stands in for a missing name (without its trailing `-`); a manifest
 * with neither is `manifest-<n>`, counting from 1. Characters a file name should not carry become `-`.
 *
 * @example
 * ```ts
 * import { manifestFileName } from '@sluice/sdk';
 *
 * manifestFileName({ kind: 'CronWorkflow', metadata: { name: 'nightly' } }); // 'cron-workflow-nightly.yaml'
 * manifestFileName({ kind: 'Workflow', metadata: { generateName: 'hello-' } }, 'json'); // 'workflow-hello.json'
 * ```
 */
export function manifestFileName(manifest: object, extension: ManifestExtension = 'yaml', index = 0): string {
  const metadata: unknown = Object.hasOwn(manifest, 'metadata')
    ? (manifest as Record<string, unknown>).metadata
    : undefined;
  const name =
    stringAt(metadata, 'name') ?? stringAt(metadata, 'generateName')?.replace(/-+$/, '') ?? `manifest-${index + 1}`;
  const kind = stringAt(manifest, 'kind');
  const kebabKind = kind?.replace(/[A-Z]/g, (c, i: number) => `${i === 0 ? '' : '-'}${c.toLowerCase()}`);
  const base = kebabKind === undefined ? name : `${kebabKind}-${name}`;
  return `${base}.${extension}`.replace(/[^a-zA-Z0-9._-]/g, '-');
}
