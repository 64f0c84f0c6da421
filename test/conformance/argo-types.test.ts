import { formatIssue, validateManifest } from '@sluice/argo-types';
import { describe, expect, it } from 'vitest';
import { type CorpusDocument, workflowDocuments } from '../support/corpus.ts';

const documents = workflowDocuments();
const label = (d: CorpusDocument) => `${d.file}#${d.index}`;

describe('validateManifest over the upstream Argo examples', () => {
  it('accepts every workflow-kind document', () => {
    const rejected = documents
      .map((d) => ({ d, result: validateManifest(d.doc) }))
      .filter(({ result }) => !result.valid)
      .map(({ d, result }) => `${label(d)}: ${result.issues.map(formatIssue).join('; ')}`);
    console.log(
      `argo-types conformance: ${documents.length - rejected.length} of ${documents.length} workflow-kind documents valid`,
    );
    expect(documents.length).toBeGreaterThan(0);
    expect(rejected).toEqual([]);
  });
});

type Json = Record<string, unknown>;
const clone = (d: CorpusDocument): Json => structuredClone(d.doc);
const spec = (doc: Json): Json => {
  const s = (doc.kind === 'CronWorkflow' ? (doc.spec as Json).workflowSpec : doc.spec) as Json;
  return s;
};
const specPath = (doc: Json) => (doc.kind === 'CronWorkflow' ? 'spec.workflowSpec' : 'spec');

/** The index of the first template with a container, and the container. */
function firstContainer(doc: Json): [number, Json] | undefined {
  const templates = (spec(doc).templates ?? []) as Json[];
  const i = templates.findIndex((t) => t.container !== undefined);
  return i < 0 ? undefined : [i, templates[i]!.container as Json];
}

interface Mutation {
  readonly name: string;
  /** Mutates the document in place and returns the expected path and message fragment, or undefined when it does not apply. */
  readonly apply: (doc: Json) => { path: string; message: string } | undefined;
}

const mutations: Mutation[] = [
  {
    name: 'wrong type: image is a number',
    apply: (doc) => {
      const found = firstContainer(doc);
      if (!found) return undefined;
      found[1].image = 42;
      return {
        path: `${specPath(doc)}.templates[${found[0]}].container.image`,
        message: 'expected string, got number 42',
      };
    },
  },
  {
    name: 'unknown field: a misspelt container key',
    apply: (doc) => {
      const found = firstContainer(doc);
      if (!found) return undefined;
      found[1].comand = ['sh'];
      return {
        path: `${specPath(doc)}.templates[${found[0]}].container.comand`,
        message: 'unknown field (did you mean "command"?)',
      };
    },
  },
  {
    name: 'missing required field: container image',
    apply: (doc) => {
      const found = firstContainer(doc);
      if (!found) return undefined;
      delete found[1].image;
      return { path: `${specPath(doc)}.templates[${found[0]}].container.image`, message: 'required field missing' };
    },
  },
  {
    name: 'bad enum: imagePullPolicy',
    apply: (doc) => {
      const found = firstContainer(doc);
      if (!found) return undefined;
      found[1].imagePullPolicy = 'Sometimes';
      return {
        path: `${specPath(doc)}.templates[${found[0]}].container.imagePullPolicy`,
        message: 'expected one of "Always", "Never", "IfNotPresent"',
      };
    },
  },
  {
    name: 'wrong type: templates is an object',
    apply: (doc) => {
      if (spec(doc).templates === undefined) return undefined;
      spec(doc).templates = { main: {} };
      return { path: `${specPath(doc)}.templates`, message: 'expected array, got object' };
    },
  },
  {
    name: 'missing required field: metadata',
    apply: (doc) => {
      delete doc.metadata;
      return { path: 'metadata', message: 'required field missing' };
    },
  },
  {
    name: 'bad constant: apiVersion',
    apply: (doc) => {
      doc.apiVersion = 'argoproj.io/v1';
      return { path: 'apiVersion', message: 'expected "argoproj.io/v1alpha1"' };
    },
  },
  {
    name: 'unknown field at the top of the spec',
    apply: (doc) => {
      spec(doc).entrypiont = 'main';
      return { path: `${specPath(doc)}.entrypiont`, message: 'unknown field (did you mean "entrypoint"?)' };
    },
  },
];

describe('validateManifest rejects mutated upstream documents, naming the path', () => {
  const cases = documents.flatMap((d) =>
    mutations.map((m) => {
      const doc = clone(d);
      return { d, m, doc, expected: m.apply(doc) };
    }),
  );
  const applicable = cases.filter((c) => c.expected !== undefined);
  // Up to 8 documents per mutation keeps the run short while covering every kind.
  const sample = mutations.flatMap((m) => {
    const forM = applicable.filter((c) => c.m === m);
    const kinds = new Set(forM.map((c) => c.d.kind));
    return [...kinds].flatMap((k) => forM.filter((c) => c.d.kind === k).slice(0, 3)).slice(0, 8);
  });

  it('has at least 30 mutated documents', () => {
    console.log(`argo-types conformance: ${sample.length} mutated documents, all must be rejected`);
    expect(sample.length).toBeGreaterThanOrEqual(30);
  });

  it.each(sample.map((c) => [`${c.m.name} in ${label(c.d)}`, c] as const))('%s', (_name, c) => {
    const result = validateManifest(c.doc);
    expect(result.valid).toBe(false);
    const atPath = result.issues.filter((i) => i.path === c.expected!.path).map((i) => i.message);
    expect(atPath.length, result.issues.map(formatIssue).join('\n')).toBe(1);
    expect(atPath[0]).toContain(c.expected!.message);
  });
});
