import fs from 'node:fs';
import path from 'node:path';
import { validateManifest } from '@sluice/argo-types';
import { describe, expect, it } from 'vitest';
import { ManifestBuilder, parseYamlDocuments } from '../src/index.js';

const docPath = path.resolve(import.meta.dirname, '../../../docs/sdk.md');
const examplesDir = path.resolve(import.meta.dirname, 'doc-examples');
const doc = fs.readFileSync(docPath, 'utf8');
const pattern = /<!-- example: ([\w-]+) -->\n\n```ts\n([\s\S]*?)\n```\n\n```yaml\n([\s\S]*?)\n```/g;
const examples = [...doc.matchAll(pattern)].map((m) => ({ name: m[1] ?? '', code: m[2] ?? '', yaml: m[3] ?? '' }));

describe('docs/sdk.md examples', () => {
  it('shows every example file', () => {
    const files = fs.readdirSync(examplesDir).map((f) => f.replace(/\.ts$/, ''));
    expect(examples.map((e) => e.name).sort()).toEqual(files.sort());
  });

  it.each(examples.map((e) => [e.name, e] as const))(
    '%s: the code is the file, the YAML is its output, and it is a valid manifest',
    async (name, e) => {
      expect(e.code).toBe(fs.readFileSync(path.join(examplesDir, `${name}.ts`), 'utf8').trimEnd());
      const mod = (await import(path.join(examplesDir, `${name}.ts`))) as { default: unknown };
      const out = mod.default instanceof ManifestBuilder ? mod.default.toYaml() : mod.default;
      expect(e.yaml).toBe(String(out).trimEnd());
      for (const doc of parseYamlDocuments(String(out))) expect(validateManifest(doc).issues).toEqual([]);
    },
  );
});
