import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleModule } from '../src/bundle/bundle-module.js';
import { packageName } from '../src/bundle/vendor-bundle.js';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A project with the given files; `node_modules/<name>/index.js` files become ES module packages. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sluice-vendor-'));
  roots.push(root);
  writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }');
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)\/index\.js$/.exec(name)?.[1];
    if (pkg !== undefined) {
      writeFileSync(
        path.join(root, 'node_modules', pkg, 'package.json'),
        JSON.stringify({ name: pkg, type: 'module', exports: './index.js' }),
      );
    }
  }
  return root;
}

/** Packages with module state: `shared-lib` (vendored), `uses-lib` (vendored, imports the others), `outside`, `lazy`. */
const packages = {
  'node_modules/shared-lib/index.js':
    "export class Thing {}\nexport const made = [];\nexport default 'shared default';\n",
  'node_modules/uses-lib/index.js': [
    "import { Thing, made } from 'shared-lib';",
    "import * as outside from 'outside';",
    'export function makeThing() { const thing = new Thing(); made.push(thing); return thing; }',
    'export const outsideSeen = outside;',
    "export async function loadLazy() { return (await import('lazy')).value; }",
  ].join('\n'),
  'node_modules/outside/index.js': 'export const token = {};\n',
  'node_modules/lazy/index.js': "export const value = 'loaded when first used';\n",
};

async function load(file: string): Promise<Record<string, unknown>> {
  return import(`${pathToFileURL(file).href}?v=${Math.random()}`);
}

describe('bundleModule with vendored packages', () => {
  it('gives the entry and the vendored packages one instance of each package, vendored or not', async () => {
    const root = project({
      ...packages,
      'entry.ts': [
        "import sharedDefault, { Thing, made } from 'shared-lib';",
        "import { makeThing, outsideSeen, loadLazy } from 'uses-lib';",
        "import * as outside from 'outside';",
        'const thing = makeThing();',
        'export const sameClass = thing instanceof Thing && thing.constructor === Thing;',
        'export const sameState = made.length === 1 && made[0] === thing;',
        'export const sameOutside = outsideSeen.token === outside.token;',
        'export { sharedDefault, loadLazy };',
      ].join('\n'),
    });
    const bundled = await bundleModule(path.join(root, 'entry.ts'), { vendor: ['shared-lib', 'uses-lib'] });
    const cacheDir = path.join(root, '.sluice', 'cache');
    const scripts = readdirSync(cacheDir).filter((f) => /^vendor-[0-9a-f]{16}\.cjs$/.test(f));
    expect(scripts).toHaveLength(1);
    // The loader and the package the script takes from outside load first.
    expect(bundled.preload).toContain(pathToFileURL(path.join(root, 'node_modules/outside/index.js')).href);

    const entry = await load(bundled.file);
    expect(entry.sameClass).toBe(true);
    expect(entry.sameState).toBe(true);
    expect(entry.sameOutside).toBe(true);
    expect(entry.sharedDefault).toBe('shared default');
    // A vendored package's dynamic import still loads the real module, when it is called.
    expect(await (entry.loadLazy as () => Promise<unknown>)()).toBe('loaded when first used');

    const again = await bundleModule(path.join(root, 'entry.ts'), { vendor: ['shared-lib', 'uses-lib'] });
    expect(again).toEqual({ ...bundled, cached: true });
  });

  it('rebuilds the vendor script when a vendored package changes', async () => {
    const root = project({ ...packages, 'entry.ts': "export { default } from 'shared-lib';\n" });
    const entry = path.join(root, 'entry.ts');
    expect((await load((await bundleModule(entry, { vendor: ['shared-lib'] })).file)).default).toBe('shared default');
    writeFileSync(path.join(root, 'node_modules/shared-lib/index.js'), "export default 'changed';\n");
    const rebuilt = await bundleModule(entry, { vendor: ['shared-lib'] });
    expect(rebuilt.cached).toBe(false);
    expect(readdirSync(path.join(root, '.sluice', 'cache')).filter((f) => f.endsWith('.cjs'))).toHaveLength(2);
    // The changed package is a new script (its own name), which this process has not loaded yet.
    expect((await load(rebuilt.file)).default).toBe('changed');
  });

  it('records inputs that a cache hit finds again when the project is reached through a symbolic link', async () => {
    // Regression: esbuild names inputs relative to the working directory's real path, and a workspace package
    // outside the linked tree was recorded under the link, so every compile rebuilt (the docs test's layout).
    const outer = mkdtempSync(path.join(tmpdir(), 'sluice-vendor-link-'));
    roots.push(outer);
    const real = path.join(outer, 'real');
    mkdirSync(path.join(real, 'node_modules'), { recursive: true });
    mkdirSync(path.join(outer, 'libs', 'shared-lib'), { recursive: true });
    writeFileSync(path.join(outer, 'libs', 'shared-lib', 'index.js'), "export default 'outside the link';\n");
    writeFileSync(
      path.join(outer, 'libs', 'shared-lib', 'package.json'),
      '{ "name": "shared-lib", "type": "module", "exports": "./index.js" }',
    );
    symlinkSync(path.join(outer, 'libs', 'shared-lib'), path.join(real, 'node_modules', 'shared-lib'));
    writeFileSync(path.join(real, 'package.json'), '{ "type": "module" }');
    writeFileSync(path.join(real, 'entry.ts'), "export { default } from 'shared-lib';\n");
    mkdirSync(path.join(outer, 'elsewhere'));
    symlinkSync(real, path.join(outer, 'elsewhere', 'link'));
    const entry = path.join(outer, 'elsewhere', 'link', 'entry.ts');
    const first = await bundleModule(entry, { vendor: ['shared-lib'] });
    expect((await load(first.file)).default).toBe('outside the link');
    expect((await bundleModule(entry, { vendor: ['shared-lib'] })).cached).toBe(true);
  });

  it('replaces a damaged vendor script (its name is its content, so the rebuild restores it)', async () => {
    const root = project({ ...packages, 'entry.ts': "export { default } from 'shared-lib';\n" });
    const entry = path.join(root, 'entry.ts');
    await bundleModule(entry, { vendor: ['shared-lib'] });
    const cacheDir = path.join(root, '.sluice', 'cache');
    const script = path.join(cacheDir, readdirSync(cacheDir).find((f) => f.endsWith('.cjs')) ?? '');
    const good = readFileSync(script, 'utf8');
    writeFileSync(script, 'throw new Error("damaged");');
    expect((await bundleModule(entry, { vendor: ['shared-lib'] })).cached).toBe(false);
    expect(readFileSync(script, 'utf8')).toBe(good);
  });

  it('leaves a package with a computed dynamic import external (the script could not serve it)', async () => {
    const root = project({
      'node_modules/computed/index.js': "export const load = (name) => import(name);\nexport const ok = 'ok';\n",
      'entry.ts': "export { ok } from 'computed';\n",
    });
    const bundled = await bundleModule(path.join(root, 'entry.ts'), { vendor: ['computed'] });
    expect(bundled.preload).toEqual([]);
    expect(readdirSync(path.join(root, '.sluice', 'cache')).filter((f) => f.startsWith('vendor-'))).toEqual([]);
    expect((await load(bundled.file)).ok).toBe('ok');
  });

  it('builds the plain bundle when the entry imports no vendored package', async () => {
    const root = project({ ...packages, 'entry.ts': "export { token } from 'outside';\n" });
    const bundled = await bundleModule(path.join(root, 'entry.ts'), { vendor: ['shared-lib'] });
    expect(bundled.preload).toEqual([]);
    expect(typeof (await load(bundled.file)).token).toBe('object');
  });
});

describe('packageName', () => {
  it('names the package of a bare specifier, scoped or not', () => {
    expect(packageName('zod')).toBe('zod');
    expect(packageName('zod/v4')).toBe('zod');
    expect(packageName('@sluice/data')).toBe('@sluice/data');
    expect(packageName('@sluice/local/bundle')).toBe('@sluice/local');
  });
});
