import { fieldHistory, generatedVersions } from './generated/field-history.js';
import * as newest from './generated/v4.1/schema-table.js';
import type { SchemaTable } from './schema-table.js';

/**
 * An Argo Workflows release line Sluice targets: its types, schema and validator rules.
 * @example
 * ```ts
 * import { type ArgoVersion, parseArgoVersion } from '@sluice/argo-types';
 *
 * const target: ArgoVersion = parseArgoVersion('v3.6.19') ?? '4.1';
 * ```
 */
export type ArgoVersion = (typeof generatedVersions)[number];

/**
 * The supported releases, oldest first.
 * @example
 * ```ts
 * import { argoVersions } from '@sluice/argo-types';
 *
 * console.log(`supported Argo releases: ${argoVersions.join(', ')}`);
 * ```
 */
export const argoVersions: readonly ArgoVersion[] = generatedVersions;

/**
 * The release used when none is given: the newest.
 * @example
 * ```ts
 * import { defaultArgoVersion, validateManifest } from '@sluice/argo-types';
 *
 * validateManifest({ kind: 'Workflow', spec: {} }, { argoVersion: defaultArgoVersion });
 * ```
 */
export const defaultArgoVersion: ArgoVersion = '4.1';

/**
 * Reads a release as people write it — `3.7`, `v3.7`, `3.7.18`, `v3.7.18-rc1` — as its line (`3.7`); `undefined`
 * when it is not a supported one.
 * @example
 * ```ts
 * import { parseArgoVersion } from '@sluice/argo-types';
 *
 * parseArgoVersion('v3.6.19'); // '3.6'
 * parseArgoVersion('2.12'); // undefined
 * ```
 */
export function parseArgoVersion(text: string): ArgoVersion | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  if (match === null) return undefined;
  const line = `${match[1]}.${match[2]}`;
  return argoVersions.find((v) => v === line);
}

/** A release's validator table: the workflow kinds' definitions and the schema, parsed on first use. */
interface VersionSchema {
  readonly kindDefinitions: Readonly<Record<string, string>>;
  readonly schemaTableJson: string;
  parsed?: SchemaTable;
}

const loaded = new Map<ArgoVersion, VersionSchema>([['4.1', { ...newest }]]);

// One dynamic import per release, so that a program loads the table of the release it targets and no other.
const loaders: Readonly<Record<ArgoVersion, () => Promise<Omit<VersionSchema, 'parsed'>>>> = {
  '3.5': () => import('./generated/v3.5/schema-table.js'),
  '3.6': () => import('./generated/v3.6/schema-table.js'),
  '3.7': () => import('./generated/v3.7/schema-table.js'),
  '4.0': () => import('./generated/v4.0/schema-table.js'),
  '4.1': async () => newest,
};

/**
 * Loads the schema table of a release so that `validateManifest(doc, { argoVersion })` can use it. The newest
 * release is always loaded; the others are loaded on demand, each once.
 * @example
 * ```ts
 * import { loadArgoSchema, validateManifest } from '@sluice/argo-types';
 *
 * await loadArgoSchema('3.5');
 * validateManifest({ kind: 'Workflow', spec: { entrypoint: 'main', templates: [] } }, { argoVersion: '3.5' });
 * ```
 */
export async function loadArgoSchema(version: ArgoVersion): Promise<void> {
  if (loaded.has(version)) return;
  const { kindDefinitions, schemaTableJson } = await loaders[version]();
  loaded.set(version, { kindDefinitions, schemaTableJson });
}

/** The workflow kinds of the newest release, without parsing its table. @internal */
export const newestKinds: readonly string[] = Object.keys(newest.kindDefinitions);

/** The loaded schema of a release; throws, naming the fix, when it was not loaded. @internal */
export function versionSchema(version: ArgoVersion): {
  readonly kinds: Readonly<Record<string, string>>;
  readonly table: SchemaTable;
} {
  const schema = loaded.get(version);
  if (schema === undefined) {
    throw new Error(`the Argo ${version} schema is not loaded: call \`await loadArgoSchema('${version}')\` first`);
  }
  schema.parsed ??= JSON.parse(schema.schemaTableJson) as SchemaTable;
  return { kinds: schema.kindDefinitions, table: schema.parsed };
}

/**
 * Why a field is unknown to `version` when other releases have it: `not in Argo 3.5 (added in 3.6)`,
 * `not in Argo 4.0 (removed in 4.0; use semaphores)`. `keys` are the field as `<Definition>.<property>` (short
 * names), most specific first; `instead` the field of `version` that replaces it, if any; `undefined` when no
 * release has it. @internal
 */
export function versionNote(version: ArgoVersion, keys: readonly string[], instead?: string): string | undefined {
  const having = keys.map((k) => fieldHistory[k]).find((h) => h !== undefined);
  if (having === undefined) return undefined;
  const versions = having.split(' ');
  const at = argoVersions.indexOf(version);
  const earlier = argoVersions.slice(0, at).filter((v) => versions.includes(v));
  if (earlier.length > 0) {
    const last = argoVersions.indexOf(earlier.at(-1)!);
    return `not in Argo ${version} (removed in ${argoVersions[last + 1]}${instead ? `; use ${instead}` : ''})`;
  }
  const added = argoVersions.slice(at + 1).find((v) => versions.includes(v));
  return added === undefined ? undefined : `not in Argo ${version} (added in ${added})`;
}
