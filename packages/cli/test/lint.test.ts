import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './support/io.js';

const fixtures = path.resolve(import.meta.dirname, 'fixtures/entries');
let dir: string;

const good = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: good- }
spec:
  entrypoint: main
  templates:
    - name: main
      container: { image: alpine:3.20, args: ["{{workflow.name}}"] }
`;
const bad = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: bad }
spec:
  entrypoint: main
  templates:
    - name: main
      steps:
        - - { name: a, template: missing }
          - { name: a, template: main-2 }
    - name: main-2
      container: { image: alpine:3.20, args: ["{{inputs.parameters.x}}"] }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: ignored }
`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-lint-'));
  fs.mkdirSync(path.join(dir, 'nested'));
  fs.writeFileSync(path.join(dir, 'good.yaml'), good);
  fs.writeFileSync(path.join(dir, 'nested', 'bad.yml'), bad);
  fs.writeFileSync(path.join(dir, 'configmap.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n');
  fs.writeFileSync(path.join(dir, 'README.md'), '# not a manifest\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const io = capture({}, dir);
  const code = await main(['lint', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const badLines = [
  'in "bad" (Workflow): templates.main.steps[0].a template name \'missing\' undefined; defined templates: main, main-2',
  'in "bad" (Workflow): templates.main-2: failed to resolve {{inputs.parameters.x}}',
  'in "bad" (Workflow): templates.main.steps[0].name \'a\' is not unique',
];

describe('workflow lint', () => {
  it('prints argo lint’s pretty report for a directory, recursively, and fails', async () => {
    const { code, out } = await run(['.']);
    expect(out).toBe(`nested/bad.yml:\n${badLines.map((l) => `   ✖ ${l}\n`).join('')}\n✖ 3 linting errors found!\n`);
    expect(code).toBe(1);
  });

  it('prints the simple format', async () => {
    const { code, out } = await run(['nested', '-o', 'simple']);
    expect(out).toBe(badLines.map((l) => `nested/bad.yml: ${l}\n`).join(''));
    expect(code).toBe(1);
  });

  it('passes a clean file', async () => {
    const { code, out } = await run(['good.yaml']);
    expect(out).toBe('✔ no linting errors found!\n');
    expect(code).toBe(0);
  });

  it('prints json with every file read', async () => {
    const { code, out } = await run(['.', '--output', 'json']);
    const json = JSON.parse(out);
    expect(json).toMatchObject({ success: false, anything_linted: true });
    expect(json.results.map((r: { file: string; linted: boolean }) => [r.file, r.linted])).toEqual([
      ['configmap.yaml', false],
      ['good.yaml', true],
      ['nested/bad.yml', true],
    ]);
    expect(code).toBe(1);
  });

  it('fails when there is nothing to lint', async () => {
    const { code, out } = await run(['configmap.yaml']);
    expect(out).toBe('✖ found nothing to lint in the specified paths, failing...\n');
    expect(code).toBe(1);
  });

  it('filters by --kinds', async () => {
    const { code, out } = await run(['.', '--kinds', 'cronworkflows', '-o', 'simple']);
    expect(out).toBe('found nothing to lint in the specified paths, failing...\n');
    expect(code).toBe(1);
  });

  it('reports a file that is not valid YAML', async () => {
    const file = path.join(dir, 'broken.yaml');
    fs.writeFileSync(file, 'kind: Workflow\nspec: [unclosed\n');
    try {
      const { code, out } = await run(['broken.yaml', 'good.yaml', '-o', 'simple']);
      expect(out).toMatch(/^broken\.yaml: line \d+: .+\n$/);
      expect(code).toBe(1);
    } finally {
      fs.rmSync(file);
    }
  });

  it('lints the workflow objects a TypeScript entry exports, resolving templateRefs between them', async () => {
    const ok = await run([path.join(fixtures, 'hello-entry.ts')]);
    expect(ok.out).toBe('✔ no linting errors found!\n');
    expect(ok.code).toBe(0);
    const cyclic = await run([path.join(fixtures, 'broken-entry.ts'), '-o', 'simple']);
    expect(cyclic.out).toBe(
      `${path.relative(dir, path.join(fixtures, 'broken-entry.ts'))}: in "cyclic" (Workflow): templates.main.tasks dependency cycle detected: b->a->b\n`,
    );
    expect(cyclic.code).toBe(1);
  });

  it('applies the policy rules only with --policy', async () => {
    const { code, out } = await run(['good.yaml', '--policy', '-o', 'json']);
    const rules = JSON.parse(out).results[0].problems.map((p: { rule: string }) => p.rule);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r: string) => r.startsWith('policy/'))).toBe(true);
    expect(code).toBe(1);
  });

  it('exits 2 on usage errors', async () => {
    expect((await run([])).code).toBe(2);
    const missing = await run(['nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.yaml: no such file or directory');
    const format = await run(['.', '-o', 'xml']);
    expect(format.code).toBe(2);
    expect(format.err).toContain('-o: unknown format "xml"; use pretty, simple or json');
    expect((await run(['.', '--kinds', 'pods'])).err).toContain('--kinds: unknown kind "pods"');
  });

  it('has help with examples', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: workflow lint <paths…>');
    expect(out).toContain('Examples:\n  workflow lint workflows/');
  });
});
