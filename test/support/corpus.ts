import fs from 'node:fs';
import path from 'node:path';
import type { ArgoVersion } from '@sluice/argo-types';
import { parseYamlDocuments } from '@sluice/sdk';

/** The upstream example corpus: `ARGO_CORPUS`, or ../shared/argo/examples beside the repository. */
export const corpusDir = path.resolve(
  import.meta.dirname,
  '../..',
  process.env.ARGO_CORPUS ?? '../shared/argo/examples',
);

/** One YAML document of the corpus. */
export interface CorpusDocument {
  /** Path relative to the corpus root. */
  readonly file: string;
  /** Index of the document in its file. */
  readonly index: number;
  /** The parsed document. */
  readonly doc: Record<string, unknown>;
  /** Its `kind`, if any. */
  readonly kind: string | undefined;
}

/** The four workflow kinds. */
export const WORKFLOW_KINDS = ['Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow'];

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
}

/** Every YAML file of the corpus, relative to its root. */
export function corpusFiles(dir: string = corpusDir): string[] {
  return walk(dir).map((f) => path.relative(dir, f));
}

/** Every document of the corpus, in file order. */
export function corpusDocuments(dir: string = corpusDir): CorpusDocument[] {
  return corpusFiles(dir).flatMap((file) =>
    // Upstream's own example test reads leniently (one example repeats `annotations:`); argo lint would not.
    parseYamlDocuments(fs.readFileSync(path.join(dir, file), 'utf8'), file, { duplicateKeys: 'keep-last' })
      .map((doc, index) => ({ file, index, doc: doc as Record<string, unknown> }))
      .filter((d) => d.doc !== null && typeof d.doc === 'object')
      .map((d) => ({ ...d, kind: typeof d.doc.kind === 'string' ? d.doc.kind : undefined })),
  );
}

/** The workflow-kind documents of the corpus. */
export function workflowDocuments(dir: string = corpusDir): CorpusDocument[] {
  return corpusDocuments(dir).filter((d) => d.kind !== undefined && WORKFLOW_KINDS.includes(d.kind));
}

/** One supported Argo release and its example corpus. */
export interface ReleaseCorpus {
  /** The release line, e.g. `3.7`. */
  readonly version: ArgoVersion;
  /** The upstream tag the corpus comes from, e.g. `v3.7.18`. */
  readonly tag: string;
  /** The corpus folder. */
  readonly dir: string;
}

/** The corpora of every supported release, oldest first: ../shared/argo/versions/<tag>/examples, and the newest. */
export const releaseCorpora: readonly ReleaseCorpus[] = [
  { version: '3.5', tag: 'v3.5.15' },
  { version: '3.6', tag: 'v3.6.19' },
  { version: '3.7', tag: 'v3.7.18' },
  { version: '4.0', tag: 'v4.0.10' },
].map(({ version, tag }) => ({
  version: version as ArgoVersion,
  tag,
  dir: path.resolve(corpusDir, '..', 'versions', tag, 'examples'),
}));

/** Every release's corpus, the newest (the default corpus, v4.1) last. */
export const allReleaseCorpora: readonly ReleaseCorpus[] = [
  ...releaseCorpora,
  { version: '4.1', tag: 'v4.1', dir: corpusDir },
];
