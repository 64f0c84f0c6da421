import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { type ArgoVersion, argoVersions, formatIssue, loadArgoSchema, validateManifest } from '@sluice/argo-types';
import { fromObjects, lint } from '@sluice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { crossReleaseVerdicts, renderTable } from '../../scripts/argo-versions.ts';
import { allReleaseCorpora, type CorpusDocument, workflowDocuments } from '../support/corpus.ts';

type Json = Record<string, unknown>;

/**
 * Upstream examples that their own release's Argo rejects (`argo lint` decodes strictly): 3.5 and 3.6 ship an
 * artifact with `overwrite`, a field no release's Artifact has; upstream removed it from the example in 3.7.
 */
const UPSTREAM_DEFECTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '3.5': {
    'webhdfs-input-output-artifacts.yaml': 'spec.templates[0].outputs.artifacts[0].overwrite: unknown field',
  },
  '3.6': {
    'webhdfs-input-output-artifacts.yaml': 'spec.templates[0].outputs.artifacts[0].overwrite: unknown field',
  },
};

const label = (d: CorpusDocument) => (d.index === 0 ? d.file : `${d.file}#${d.index}`);

beforeAll(async () => {
  for (const v of argoVersions) await loadArgoSchema(v);
});

describe.each(allReleaseCorpora.map((c) => [c.tag, c] as const))('the %s corpus', (_tag, corpus) => {
  const documents = workflowDocuments(corpus.dir);
  const defects = UPSTREAM_DEFECTS[corpus.version] ?? {};

  it(`lints clean under Argo ${corpus.version}, except the upstream defects (rejected with the field named)`, () => {
    const results = lint(
      documents.map((d) => ({ source: label(d), doc: d.doc })),
      { argoVersion: corpus.version },
    );
    const rejected = Object.fromEntries(
      results.filter((r) => r.errors.length > 0).map((r) => [r.source, r.errors.map((e) => e.message).join('; ')]),
    );
    console.log(
      `argo ${corpus.version} conformance: ${results.length - Object.keys(rejected).length} of ${results.length} documents lint clean`,
    );
    expect(results.length).toBe(documents.length);
    expect(results.length).toBeGreaterThan(190);
    expect(rejected).toEqual(defects);
  });

  it(`is valid under the Argo ${corpus.version} schema, and round-trips through the SDK`, () => {
    const invalid: string[] = [];
    const changed: string[] = [];
    for (const d of documents) {
      const result = validateManifest(d.doc, { argoVersion: corpus.version });
      if (!result.valid && !(label(d) in defects)) invalid.push(`${label(d)}: ${result.issues.map(formatIssue)}`);
      const [builder] = fromObjects([d.doc], label(d));
      if (!isDeepStrictEqual(YAML.parse(builder?.toYaml() ?? ''), d.doc)) changed.push(label(d));
    }
    expect(invalid).toEqual([]);
    expect(changed).toEqual([]);
  });
});

/** The mutation suite: one kind of damage, where it lands, and the message the release's schema gives. */
interface Mutation {
  readonly name: string;
  readonly apply: (doc: Json, version: ArgoVersion) => { path: string; message: string } | undefined;
}

const specOf = (doc: Json) =>
  ((doc.kind === 'CronWorkflow' ? (doc.spec as Json).workflowSpec : doc.spec) ?? {}) as Json;
const specPath = (doc: Json) => (doc.kind === 'CronWorkflow' ? 'spec.workflowSpec' : 'spec');
function firstContainer(doc: Json): { path: string; container: Json } | undefined {
  const templates = (specOf(doc).templates ?? []) as Json[];
  const i = templates.findIndex((t) => typeof t.container === 'object' && t.container !== null);
  return i < 0
    ? undefined
    : { path: `${specPath(doc)}.templates[${i}].container`, container: templates[i]!.container as Json };
}

const mutations: Mutation[] = [
  {
    name: 'wrong type',
    apply: (doc) => {
      const found = firstContainer(doc);
      if (!found) return undefined;
      found.container.image = 42;
      return { path: `${found.path}.image`, message: 'expected string, got number 42' };
    },
  },
  {
    name: 'unknown field',
    apply: (doc) => {
      specOf(doc).entrypiont = 'main';
      return { path: `${specPath(doc)}.entrypiont`, message: 'unknown field (did you mean "entrypoint"?)' };
    },
  },
  {
    name: 'missing required field',
    apply: (doc) => {
      const found = firstContainer(doc);
      if (!found || doc.kind === 'CronWorkflow') return undefined;
      delete doc.metadata;
      return { path: 'metadata', message: 'required field missing' };
    },
  },
  {
    name: 'bad enum',
    apply: (doc) => {
      const found = firstContainer(doc);
      if (!found) return undefined;
      found.container.imagePullPolicy = 'Sometimes';
      return { path: `${found.path}.imagePullPolicy`, message: 'got string "Sometimes"' };
    },
  },
];

describe.each(allReleaseCorpora.map((c) => [c.version, c] as const))('mutations under Argo %s', (version, corpus) => {
  const documents = workflowDocuments(corpus.dir).filter((d) => !(label(d) in (UPSTREAM_DEFECTS[version] ?? {})));
  // Up to 6 documents per mutation, spread over the kinds, keeps the run short.
  const cases = mutations.flatMap((m) => {
    const applied = documents
      .map((d) => {
        const doc = structuredClone(d.doc);
        return { d, doc, expected: m.apply(doc, version) };
      })
      .filter((c) => c.expected !== undefined);
    const kinds = [...new Set(applied.map((c) => c.d.kind))];
    return kinds
      .flatMap((k) => applied.filter((c) => c.d.kind === k).slice(0, 2))
      .slice(0, 6)
      .map((c) => ({ m, ...c }));
  });

  it('has cases for every kind of damage', () => {
    expect(new Set(cases.map((c) => c.m.name))).toEqual(new Set(mutations.map((m) => m.name)));
  });

  it.each(cases.map((c) => [`${c.m.name} in ${label(c.d)}`, c] as const))(
    '%s is rejected, naming the path',
    (_n, c) => {
      const result = validateManifest(c.doc, { argoVersion: version });
      const atPath = result.issues.filter((i) => i.path === c.expected!.path).map((i) => i.message);
      expect(atPath, result.issues.map(formatIssue).join('\n')).toHaveLength(1);
      expect(atPath[0]).toContain(c.expected!.message);
    },
  );
});

describe('the cross-release table (docs/argo-versions.md)', () => {
  it('is current, and every difference it lists is a field or rule difference, never a crash', async () => {
    const verdicts = await crossReleaseVerdicts();
    for (const v of verdicts) {
      for (const e of v.errors) expect(e, `${v.example} under ${v.under}`).not.toMatch(/internal error|TypeError/);
    }
    const across = verdicts.filter((v) => v.under !== v.from && v.errors.length > 0);
    expect(across.length).toBeGreaterThan(50);
    for (const v of across) {
      expect(v.errors.join('; '), v.example).toMatch(/not in Argo \d\.\d \((added|removed) in \d\.\d|unknown field/);
    }
    const committed = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/argo-versions.md'), 'utf8');
    expect(committed, 'docs/argo-versions.md is stale: run `pnpm docs:argo-versions`').toBe(renderTable(verdicts));
  });
});
