import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleSourcesComment } from '@sluice/runtime';
import { afterAll, describe, expect, it } from 'vitest';
import { BundleError, bundleModule, mapBundleFrames, withModuleLocation } from '../src/bundle/bundle-module.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A fresh project: a package.json and the given files. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sluice-bundle-'));
  roots.push(root);
  writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

async function load(file: string): Promise<Record<string, unknown>> {
  // A query makes each import a new module instance, so a rebuilt bundle is really re-imported.
  return import(`${pathToFileURL(file).href}?v=${Math.random()}`);
}

describe('bundleModule', () => {
  it('bundles a .ts entry and the files it imports into one module under .sluice/cache of its project', async () => {
    const root = project({
      'pipeline.ts': "import { double } from './lib/math.js';\nexport const answer: number = double(21);\n",
      'lib/math.ts': 'export function double(n: number): number { return n * 2; }\n',
    });
    const bundled = await bundleModule(path.join(root, 'pipeline.ts'));
    expect(path.dirname(bundled.file)).toBe(path.join(root, '.sluice', 'cache'));
    expect(bundled.cached).toBe(false);
    expect((await load(bundled.file)).answer).toBe(42);
  });

  it('reuses the bundle while no input changed, and rebuilds when an imported file changes', async () => {
    const root = project({
      'pipeline.ts': "import { value } from './value.js';\nexport default value;\n",
      'value.ts': "export const value = 'one';\n",
    });
    const entry = path.join(root, 'pipeline.ts');
    const first = await bundleModule(entry);
    const again = await bundleModule(entry);
    expect(again).toEqual({ file: first.file, cached: true, preload: [] });

    writeFileSync(path.join(root, 'value.ts'), "export const value = 'two';\n");
    const changed = await bundleModule(entry);
    expect(changed.cached).toBe(false);
    expect((await load(changed.file)).default).toBe('two');
  });

  it('sees a change of the same size whose file time was put back (a checkout), by its content hash', async () => {
    const root = project({ 'pipeline.ts': "export default 'aaa';\n" });
    const entry = path.join(root, 'pipeline.ts');
    await bundleModule(entry);
    const then = new Date('2026-01-01T00:00:00Z');
    writeFileSync(entry, "export default 'bbb';\n");
    utimesSync(entry, then, then);
    const rebuilt = await bundleModule(entry);
    expect(rebuilt.cached).toBe(false);
    expect((await load(rebuilt.file)).default).toBe('bbb');
    // Same content, other time: reused.
    utimesSync(entry, new Date(), new Date());
    expect((await bundleModule(entry)).cached).toBe(true);
  });

  it('records the new time of an input whose content did not change, so later hits compare times, not hashes', async () => {
    // Regression: after a rebuild of a workspace package (same content, new times), every compile hashed its files
    // again and loaded node:crypto to do it (about 10 ms), because the hit did not record what it had checked.
    const root = project({ 'pipeline.ts': "export default 'same';\n" });
    const entry = path.join(root, 'pipeline.ts');
    await bundleModule(entry);
    const recordFile = readdirSync(path.join(root, '.sluice', 'cache')).find((f) => f.endsWith('.inputs.json')) ?? '';
    const timeOf = () =>
      (
        JSON.parse(readFileSync(path.join(root, '.sluice', 'cache', recordFile), 'utf8')) as {
          inputs: { file: string; mtimeMs: number }[];
        }
      ).inputs.find((input) => input.file === entry)?.mtimeMs;
    const later = new Date(Date.now() + 60_000);
    utimesSync(entry, later, later);
    expect((await bundleModule(entry)).cached).toBe(true);
    expect(timeOf()).toBe(statSync(entry).mtimeMs);
  });

  it('rebuilds a bundle recorded for another entry under the same key (a key collision), never reuses it', async () => {
    const root = project({ 'pipeline.ts': "export default 'mine';\n" });
    const entry = path.join(root, 'pipeline.ts');
    const first = await bundleModule(entry);
    // What another entry whose identity hashed to the same key would have left: its own identity, its inputs.
    const inputsFile = first.file.replace(/\.mjs$/, '.inputs.json');
    const recorded = JSON.parse(readFileSync(inputsFile, 'utf8')) as { identity: string; inputs: unknown[] };
    expect(recorded.identity).toContain(entry);
    writeFileSync(inputsFile, JSON.stringify({ ...recorded, identity: recorded.identity.replace(entry, '/other.ts') }));
    const again = await bundleModule(entry);
    expect(again).toEqual({ file: first.file, cached: false, preload: [] });
    expect((await load(again.file)).default).toBe('mine');
    expect((await bundleModule(entry)).cached).toBe(true);
  });

  it('keys a bundle by the Sluice that made it: a bundle of its sources (which names their loader) is not reused by its build', async () => {
    const root = project({ 'pipeline.ts': "export default 'mine';\n" });
    const first = await bundleModule(path.join(root, 'pipeline.ts'));
    const inputsFile = first.file.replace(/\.mjs$/, '.inputs.json');
    const { identity } = JSON.parse(readFileSync(inputsFile, 'utf8')) as { identity: string };
    const bundler = pathToFileURL(path.resolve(import.meta.dirname, '../src/bundle/bundle-module.ts')).href;
    expect(identity).toContain(`\0${bundler}\0`);
  });

  it('rebuilds over a cache record of an older layout (a bare list of inputs)', async () => {
    const root = project({ 'pipeline.ts': "export default 'fresh';\n" });
    const entry = path.join(root, 'pipeline.ts');
    const first = await bundleModule(entry);
    const inputsFile = first.file.replace(/\.mjs$/, '.inputs.json');
    const { inputs } = JSON.parse(readFileSync(inputsFile, 'utf8')) as { inputs: unknown[] };
    writeFileSync(inputsFile, JSON.stringify(inputs));
    expect((await bundleModule(entry)).cached).toBe(false);
  });

  it("keeps each module's own import.meta.url, dirname and filename", async () => {
    const root = project({
      'pipeline.ts': "export { where } from './stages/where.js';\nexport const here = import.meta.url;\n",
      'stages/where.ts':
        'export const where = { url: import.meta.url, dir: import.meta.dirname, file: import.meta.filename };\n',
    });
    const exports = await load((await bundleModule(path.join(root, 'pipeline.ts'))).file);
    expect(exports.here).toBe(pathToFileURL(path.join(root, 'pipeline.ts')).href);
    expect(exports.where).toEqual({
      url: pathToFileURL(path.join(root, 'stages/where.ts')).href,
      dir: path.join(root, 'stages'),
      file: path.join(root, 'stages/where.ts'),
    });
  });

  it('writes the source runs of its inline source map on a comment line before it, for defineStage to read', async () => {
    const root = project({
      'pipeline.ts':
        "import { a } from './lib/a.js';\nimport { b } from './lib/b.js';\nexport const both = [a(), b()];\n",
      'lib/a.ts': 'export function a(): number { return 1; }\n',
      'lib/b.ts': 'export function b(): number { return 2; }\n',
    });
    const lines = readFileSync((await bundleModule(path.join(root, 'pipeline.ts'))).file, 'utf8')
      .trimEnd()
      .split('\n');
    const mapLine = lines.at(-1) ?? '';
    expect(mapLine).toMatch(/^\/\/# sourceMappingURL=data:application\/json;base64,/);
    const map = JSON.parse(Buffer.from(mapLine.slice(mapLine.indexOf(',') + 1), 'base64').toString('utf8'));
    const comment = lines.at(-2) ?? '';
    expect(comment).toBe(bundleSourcesComment(map));
    expect(JSON.parse(comment.slice(comment.indexOf('=') + 1)).sources).toEqual(
      expect.arrayContaining(['../../lib/a.ts', '../../lib/b.ts', '../../pipeline.ts']),
    );
  });

  it("maps a stack's frames in the bundle to the user's files, lines and columns, and leaves other frames", async () => {
    const root = project({
      'pipeline.ts': "import { fail } from './lib/fail.js';\nexport const run = fail;\n",
      'lib/fail.ts': "export function fail(): never {\n  throw new Error('boom');\n}\n",
    });
    const { file } = await bundleModule(path.join(root, 'pipeline.ts'));
    const lines = readFileSync(file, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.includes('throw new Error("boom")'));
    const column = (lines[line] ?? '').indexOf('throw');
    const other = '    at elsewhere (/somewhere/else.js:1:1)';
    for (const location of [pathToFileURL(file).href, file]) {
      const stack = `Error: boom\n    at fail (${location}:${line + 1}:${column + 1})\n${other}`;
      expect(mapBundleFrames(stack, [path.join(root, 'elsewhere.mjs')])).toBe(stack);
      expect(mapBundleFrames(stack, [file])).toBe(
        `Error: boom\n    at fail (${path.join(root, 'lib', 'fail.ts')}:2:3)\n${other}`,
      );
    }
  });

  it('reports a syntax error with the file, line and column', async () => {
    const root = project({ 'pipeline.ts': "import './broken.js';\n", 'broken.ts': 'export const x = ;\n' });
    const error = await bundleModule(path.join(root, 'pipeline.ts')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).location).toBe(`${path.join(root, 'broken.ts')}:1:18`);
    expect((error as BundleError).message).toMatch(/broken\.ts:1:18: Unexpected ";"/);
  });

  it('names an import that does not resolve', async () => {
    const root = project({ 'pipeline.ts': "import { x } from './missing.js';\nexport default x;\n" });
    const error = await bundleModule(path.join(root, 'pipeline.ts')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BundleError);
    expect((error as BundleError).message).toMatch(/pipeline\.ts:1:\d+: Could not resolve "\.\/missing\.js"/);
  });
});

describe('withModuleLocation', () => {
  const file = '/project/stages/x.ts';

  it('gives an undeclared __dirname / __filename the module its own values', () => {
    const out = withModuleLocation('export const d = __dirname, f = __filename;', file);
    expect(out).toBe(
      'const __filename = "/project/stages/x.ts";const __dirname = "/project/stages";export const d = __dirname, f = __filename;',
    );
  });

  it('leaves a module that declares its own __dirname alone (the usual ES module idiom)', () => {
    const source = 'const __dirname = path.dirname(fileURLToPath(import.meta.url));\nexport const d = __dirname;\n';
    expect(withModuleLocation(source, file)).toBe(
      'const __dirname = path.dirname(fileURLToPath("file:///project/stages/x.ts"));\nexport const d = __dirname;\n',
    );
  });

  it('does not touch a property that happens to be named __dirname', () => {
    expect(withModuleLocation('export const d = options.__dirname;', file)).toBe('export const d = options.__dirname;');
  });
});
