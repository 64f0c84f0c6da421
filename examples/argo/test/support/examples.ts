import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ManifestBuilder } from '@sluice/sdk';

/** The root of this package: every `.ts` file outside `test/` and the config files is one example. */
export const EXAMPLES_ROOT = path.resolve(import.meta.dirname, '../..');

/** The upstream Argo example corpus, read at test time and never copied into the repository. */
export const CORPUS = path.resolve(EXAMPLES_ROOT, '../..', process.env.ARGO_CORPUS ?? '../shared/argo/examples');

const NOT_EXAMPLES = new Set(['test', 'node_modules', 'vitest.config.ts']);

/** One example: its file (relative to the package) and the upstream file it rewrites. */
export interface ExampleFile {
  /** e.g. `dag-diamond.ts` or `container-set-template/graph-workflow.ts`. */
  readonly file: string;
  /** The upstream file, relative to the corpus: the same path with `.yaml`. */
  readonly upstream: string;
}

function walk(dir: string, rel: string, out: ExampleFile[]): ExampleFile[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (rel === '' && NOT_EXAMPLES.has(entry.name)) continue;
    const file = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) walk(path.join(dir, entry.name), file, out);
    else if (entry.name.endsWith('.ts')) out.push({ file, upstream: file.replace(/\.ts$/, '.yaml') });
  }
  return out;
}

/** Every example of the package, sorted by path. */
export function listExamples(): ExampleFile[] {
  return walk(EXAMPLES_ROOT, '', []);
}

function isBuilder(v: unknown): v is ManifestBuilder {
  return v instanceof ManifestBuilder;
}

/**
 * Imports an example and compiles its default export: one manifest builder, or an array of them for an upstream file
 * of several documents. Anything else is an error naming the file.
 */
export async function compileExample(example: ExampleFile): Promise<unknown[]> {
  const mod: unknown = await import(pathToFileURL(path.join(EXAMPLES_ROOT, example.file)).href);
  const exported = typeof mod === 'object' && mod !== null && 'default' in mod ? mod.default : undefined;
  const builders = Array.isArray(exported) ? exported : [exported];
  if (builders.length === 0 || !builders.every(isBuilder)) {
    throw new Error(
      `${example.file}: the default export must be a workflow builder or an array of them (workflow(), workflowTemplate(), clusterWorkflowTemplate(), cronWorkflow())`,
    );
  }
  return builders.map((b) => b.toObject());
}
