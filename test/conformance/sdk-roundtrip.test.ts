import fs from 'node:fs';
import path from 'node:path';
import { emitYaml, fromObjects, fromYaml, parseYamlDocuments, toYaml } from '@sluice/sdk';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import {
  type CorpusDocument,
  corpusDir,
  corpusDocuments,
  corpusFiles,
  WORKFLOW_KINDS,
  workflowDocuments,
} from '../support/corpus.ts';

const documents = workflowDocuments();
const label = (d: CorpusDocument) => `${d.file}#${d.index}`;

describe('@sluice/sdk round trip over the upstream Argo examples', () => {
  it('fromYaml(x).toYaml() reads back as x for every workflow-kind document', () => {
    const failed: string[] = [];
    for (const d of documents) {
      const [builder] = fromObjects([d.doc], label(d));
      const back = YAML.parse(builder?.toYaml() ?? '');
      if (!isEqual(back, d.doc)) failed.push(label(d));
    }
    console.log(
      `sdk round trip: ${documents.length - failed.length} of ${documents.length} workflow-kind documents equal`,
    );
    expect(documents.length).toBeGreaterThanOrEqual(223);
    expect(failed).toEqual([]);
  });

  it('reads whole files with fromYaml() and writes them back as one multi-document stream', () => {
    const strictFailures: string[] = [];
    const files = corpusFiles().filter((file) => {
      let docs: { kind?: string }[];
      try {
        docs = parseYamlDocuments(fs.readFileSync(path.join(corpusDir, file), 'utf8'), file) as { kind?: string }[];
      } catch {
        strictFailures.push(file);
        return false;
      }
      return docs.length > 0 && docs.every((doc) => WORKFLOW_KINDS.includes(doc.kind ?? ''));
    });
    // The one upstream example with a duplicated key: fromYaml() is strict, as argo lint and argo submit are.
    expect(strictFailures).toEqual(['k8s-patch-json-workflow.yaml']);
    for (const file of files) {
      const text = fs.readFileSync(path.join(corpusDir, file), 'utf8');
      const builders = fromYaml(text, file);
      const back = YAML.parseAllDocuments(toYaml(builders)).map((doc) => doc.toJSON());
      expect(back, file).toEqual(parseYamlDocuments(text, file));
    }
    expect(files.length).toBeGreaterThan(150);
  });

  it('keeps working on what it read: labels added, everything else unchanged', () => {
    for (const d of documents) {
      const [builder] = fromObjects([d.doc], label(d));
      const edited = YAML.parse(builder?.withLabels({ 'sluice.dev/checked': 'true' }).toYaml() ?? '');
      const meta = d.doc.metadata as { labels?: Record<string, string> };
      const expected = { ...d.doc, metadata: { ...meta, labels: { ...meta.labels, 'sluice.dev/checked': 'true' } } };
      expect(edited, label(d)).toEqual(expected);
    }
  });

  it('the YAML emitter writes every document of the corpus (any kind) so that it reads back equal', () => {
    const all = corpusDocuments();
    for (const d of all) expect(YAML.parse(emitYaml(d.doc)), label(d)).toEqual(d.doc);
    console.log(`sdk emitter: ${all.length} corpus documents written and read back equal`);
  });
});

function isEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}
