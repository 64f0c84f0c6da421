import fs from 'node:fs';
import path from 'node:path';
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
export function corpusFiles(): string[] {
  return walk(corpusDir).map((f) => path.relative(corpusDir, f));
}

/** Every document of the corpus, in file order. */
export function corpusDocuments(): CorpusDocument[] {
  return corpusFiles().flatMap((file) =>
    parseYamlDocuments(fs.readFileSync(path.join(corpusDir, file), 'utf8'), file)
      .map((doc, index) => ({ file, index, doc: doc as Record<string, unknown> }))
      .filter((d) => d.doc !== null && typeof d.doc === 'object')
      .map((d) => ({ ...d, kind: typeof d.doc.kind === 'string' ? d.doc.kind : undefined })),
  );
}

/** The workflow-kind documents of the corpus. */
export function workflowDocuments(): CorpusDocument[] {
  return corpusDocuments().filter((d) => d.kind !== undefined && WORKFLOW_KINDS.includes(d.kind));
}
