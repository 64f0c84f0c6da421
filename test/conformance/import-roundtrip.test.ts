import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type ArgoVersion, loadArgoSchema } from '@sluice/argo-types';
import { parseYamlDocuments } from '@sluice/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importManifests, newestForm } from '../../packages/cli/src/import/import-manifests.ts';
import { allReleaseCorpora, corpusFiles } from '../support/corpus.ts';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');

/**
 * The most templates and documents `workflow import` may leave as plain objects over the five corpora. The issue
 * drives these down; raise them only with a reason in the commit.
 */
const RAW_TEMPLATE_CEILING = 2;
const RAW_DOCUMENT_CEILING = 7;

interface Imported {
  readonly label: string;
  readonly version: ArgoVersion;
  readonly file: string;
  readonly docs: unknown[];
  readonly documents: ReturnType<typeof importManifests>['documents'];
}

// Every file of every release, each distinct text once (most examples are the same in several releases).
const inputs = (() => {
  const seen = new Set<string>();
  const out: { label: string; version: ArgoVersion; text: string }[] = [];
  for (const corpus of allReleaseCorpora) {
    for (const file of corpusFiles(corpus.dir)) {
      const text = fs.readFileSync(path.join(corpus.dir, file), 'utf8');
      const hash = createHash('sha256').update(text).digest('hex');
      if (seen.has(hash)) continue;
      seen.add(hash);
      out.push({ label: `${corpus.tag}/${file}`, version: corpus.version, text });
    }
  }
  return out;
})();

let dir: string;
const imported: Imported[] = [];

beforeAll(async () => {
  for (const corpus of allReleaseCorpora) await loadArgoSchema(corpus.version);
  // Inside the repository, so that the generated modules resolve `@sluice/sdk` as a user's project would.
  dir = fs.mkdtempSync(path.join(repo, '.import-check-'));
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    `${JSON.stringify({ extends: '../tsconfig.base.json', compilerOptions: { noEmit: true, declaration: false }, include: ['src/*.ts'] })}\n`,
  );
  fs.mkdirSync(path.join(dir, 'src'));
  inputs.forEach(({ label, version, text }, i) => {
    // Upstream's own example test reads leniently (one example repeats a key); `workflow import` reads strictly.
    const docs = parseYamlDocuments(text, label, { duplicateKeys: 'keep-last' }).filter((d) => d !== null);
    const module = importManifests(docs, label);
    const file = path.join(dir, 'src', `m${String(i).padStart(3, '0')}.ts`);
    fs.writeFileSync(file, module.code);
    imported.push({ label, version, file, docs, documents: module.documents });
  });
});

afterAll(() => {
  if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
});

describe('workflow import over the upstream corpora of all five releases', () => {
  it('every document goes YAML → TypeScript → YAML and comes back equal, for its own release too', async () => {
    expect(inputs.length).toBeGreaterThan(250);
    let documents = 0;
    for (const m of imported) {
      const exports = (await import(m.file)) as Record<
        string,
        { toObject(o?: { argoVersion?: ArgoVersion }): unknown }
      >;
      for (const d of m.documents) {
        const where = `${m.label} document ${d.index + 1}`;
        const want = m.docs[d.index];
        // In the builders' form (the newest release's), and as `compile --argo-version <its release>` writes it.
        expect(exports[d.exportName]?.toObject(), where).toEqual(newestForm(want));
        if (d.raw) continue;
        const forRelease = exports[d.exportName]?.toObject({ argoVersion: m.version });
        expect(newestForm(forRelease), `${where} for Argo ${m.version}`).toEqual(newestForm(want));
        documents++;
      }
    }
    console.log(`workflow import: ${documents} documents of ${imported.length} distinct files round-trip equal`);
  });

  it('the generated modules pass strict tsc as one program', async () => {
    const tsc = path.join(repo, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', dir], { cwd: repo }).catch((e: { stdout: string }) => e);
    expect(result.stdout).toBe('');
  });

  it("the generated modules pass Biome's check as they are: layout, import order and lint rules", async () => {
    const biome = path.join(repo, 'node_modules/@biomejs/biome/bin/biome');
    const result = await run(process.execPath, [biome, 'check', '--vcs-use-ignore-file=false', path.join(dir, 'src')], {
      cwd: repo,
    }).catch((e: { stdout: string; stderr: string }) => e);
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/would have printed|error|warn|info|lint\//i);
  });

  it("writes for Argo's dag-diamond.yaml exactly the module docs/cli.md shows", () => {
    const docs = fs.readFileSync(path.join(repo, 'docs/cli.md'), 'utf8');
    const shown = /For Argo's `dag-diamond\.yaml` it writes:\n\n```ts\n([\s\S]*?)```/.exec(docs)?.[1];
    const file = path.join(allReleaseCorpora[allReleaseCorpora.length - 1]?.dir ?? '', 'dag-diamond.yaml');
    const docsOf = parseYamlDocuments(fs.readFileSync(file, 'utf8'), 'dag-diamond.yaml');
    expect(importManifests(docsOf, 'dag-diamond.yaml').code).toBe(shown);
  });

  it('reports what it left as plain objects, per file, under a ceiling that only falls', () => {
    const lines: string[] = [];
    let rawTemplates = 0;
    let templates = 0;
    let rawDocuments = 0;
    for (const m of imported) {
      for (const d of m.documents) {
        templates += d.templateCount;
        rawTemplates += d.rawTemplates.length;
        if (d.raw) rawDocuments++;
        if (d.raw) lines.push(`  ${m.label}: ${d.kind} "${d.name}" whole`);
        else if (d.rawTemplates.length > 0) lines.push(`  ${m.label}: ${d.rawTemplates.join(', ')}`);
      }
    }
    console.log(
      `workflow import: plain objects left: ${rawTemplates} of ${templates} templates, ${rawDocuments} whole documents\n${lines.join('\n')}`,
    );
    expect(rawTemplates).toBeLessThanOrEqual(RAW_TEMPLATE_CEILING);
    expect(rawDocuments).toBeLessThanOrEqual(RAW_DOCUMENT_CEILING);
  });
});
