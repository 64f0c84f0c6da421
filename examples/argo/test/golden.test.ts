import fs from 'node:fs';
import path from 'node:path';
import { formatIssue, validateManifest } from '@sluice/argo-types';
import { argoRules, type LintDocument, lint, parseYamlDocuments } from '@sluice/sdk';
import { describe, expect, it } from 'vitest';
import { CORPUS, compileExample, EXAMPLES_ROOT, type ExampleFile, listExamples } from './support/examples.js';
import { featuresOf, REQUIRED_FEATURES } from './support/features.js';
import { normalise } from './support/normalise.js';

const examples = listExamples();
const compiled = new Map<string, Promise<unknown[]>>();

/** The compiled documents of an example, imported once; an example that throws fails only its own tests. */
function docsOf(example: ExampleFile): Promise<unknown[]> {
  let docs = compiled.get(example.file);
  if (docs === undefined) {
    docs = compileExample(example);
    compiled.set(example.file, docs);
  }
  return docs;
}

async function allDocs(): Promise<{ example: ExampleFile; doc: unknown }[]> {
  const settled = await Promise.allSettled(examples.map(async (example) => ({ example, docs: await docsOf(example) })));
  return settled.flatMap((s) =>
    s.status === 'fulfilled' ? s.value.docs.map((doc) => ({ example: s.value.example, doc })) : [],
  );
}

describe('upstream Argo examples rewritten with the builders', () => {
  it('has at least 40 examples, each rewriting an upstream file', () => {
    expect(examples.length).toBeGreaterThanOrEqual(40);
    const missing = examples.filter((e) => !fs.existsSync(path.join(CORPUS, e.upstream))).map((e) => e.upstream);
    expect(missing, `no such upstream file under ${CORPUS}`).toEqual([]);
  });

  describe.each(examples.map((e) => [e.file, e] as const))('%s', (_file, example) => {
    it('compiles to the upstream YAML (after parsing both)', async () => {
      const text = fs.readFileSync(path.join(CORPUS, example.upstream), 'utf8');
      const upstream = parseYamlDocuments(text, example.upstream);
      expect((await docsOf(example)).map(normalise)).toStrictEqual(upstream.map(normalise));
    });

    it('passes validateManifest', async () => {
      for (const doc of await docsOf(example)) {
        const result = validateManifest(doc);
        expect(result.issues.map(formatIssue)).toEqual([]);
        expect(result.valid).toBe(true);
      }
    });
  });

  it("passes lint() with Argo's validator rules, templateRefs resolved across all examples", async () => {
    // Argo's own rules, as `argo lint --offline` over the whole directory. Sluice's policy rules (pinned images,
    // resource limits, …) are left out: the examples reproduce upstream files that do not follow that policy.
    const documents: LintDocument[] = (await allDocs()).map(({ example, doc }) => ({ source: example.file, doc }));
    const results = lint(documents, { rules: argoRules });
    expect(results).toHaveLength(documents.length);
    const errors = results.flatMap((r) => r.errors.map((e) => `${r.source} (${r.name}): ${e.message}`));
    expect(errors).toEqual([]);
  });

  it('covers every template kind and the features issue 3 asks for', async () => {
    const found = new Set<string>();
    for (const { doc } of await allDocs()) for (const f of featuresOf(doc)) found.add(f);
    expect(REQUIRED_FEATURES.filter((f) => !found.has(f))).toEqual([]);
  });
});

/** The source without comments and string literals (a rough scan, enough for these files), to look for casts. */
function codeOnly(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$|'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"|`(?:\\.|[^`\\])*`/gm, '""');
}

describe('the example sources', () => {
  const sources = examples.map((e) => [e.file, fs.readFileSync(path.join(EXAMPLES_ROOT, e.file), 'utf8')] as const);

  it.each(sources)('%s uses typed references, no casts and no escape hatches', (_file, source) => {
    // Inputs come from `io.inputs` / `d.inputs` / `s.inputs`, task and step outputs from their handles.
    expect(source).not.toMatch(/\{\{(inputs|tasks|steps)\./);
    const code = codeOnly(source);
    expect(code).not.toMatch(/\bas\s+(unknown|any|[A-Za-z_]\w*)\b/);
    expect(code).not.toMatch(/:\s*any\b|<any>/);
    expect(code).not.toMatch(/\w!\./);
    expect(source).not.toMatch(/\b(fromTemplate|fromYaml|fromJson|fromObjects)\(/);
    expect(source).toMatch(/\/\*\*[\s\S]*?\*\/\s*export default /);
  });

  it('the README lists every example with its upstream file', () => {
    const readme = fs.readFileSync(path.join(EXAMPLES_ROOT, 'README.md'), 'utf8');
    const listed = [...readme.matchAll(/^\|\s*\[`([^`]+)`\]\(([^)]+)\)\s*\|\s*`([^`]+)`\s*\|/gm)].map((m) => ({
      file: m[2],
      upstream: m[3],
    }));
    expect(listed).toEqual(examples.map((e) => ({ file: e.file, upstream: e.upstream })));
  });
});
