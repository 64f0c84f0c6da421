import { mkdir } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SCRIPT_PARAMETERS } from '@sluice/sdk/cached-script';
import type { Plugin } from 'esbuild';
import { build, inputFiles, moduleLocationPlugin } from './esbuild-build.js';
import type { loadVendorScript, VendorExports } from './vendor-script.js';

/**
 * An entry bundle whose imports of some packages are served by a vendor script: one CommonJS script holding
 * those packages, which `loadVendorScript` compiles with a V8 code cache. Node 20 keeps no compiled code for ES
 * modules between runs, and a package like zod is about a hundred modules to resolve, read and compile on every
 * start; one cached script costs a fraction of that.
 *
 * - Every import of a vendored package, from any file of the entry and from the vendored packages themselves, gets
 *   the one instance the script holds (a user's schemas and `@sluice/data` share one zod).
 * - A vendored package's imports of other packages stay ES modules, imported by the entry bundle and handed to the
 *   script, so they too are the instances everyone else imports. Its dynamic imports (the heavy parts a package
 *   loads when first used) stay dynamic imports of the real files.
 * - The entry bundle stays an ES module with its inline source map, so errors still point at the user's `.ts` lines.
 */
export interface VendoredBuild {
  /** The entry bundle's code (an ES module). */
  readonly code: string;
  /** Every file the bundle depends on: the entry's inputs, the vendored packages' files, the vendor script, etc. */
  readonly inputs: readonly string[];
  /** The modules the bundle imports for its vendor script (its loader, the packages it takes from outside). */
  readonly preload: readonly string[];
}

/** The marker of a vendored package's dynamic import, replaced by a call of the script's importer. */
const DYNAMIC_IMPORT = 'sluice-vendor-import:';

/** The vendor script's own name for a package import: the importer's directory and the specifier. */
function vendorKey(resolveDir: string, specifier: string): string {
  return JSON.stringify([resolveDir, specifier]);
}

/** The package a bare specifier names (`zod` of `zod/v4`, `@sluice/data` of `@sluice/data`). */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

const BUILTINS = new Set(builtinModules);

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0] ?? '');
}

/**
 * Bundles `entry` with its imports of the `vendor` packages served by a vendor script written to `cacheDir`. When the
 * entry imports none of them, or they cannot be vendored safely (a computed dynamic import, an import that does not
 * resolve), the bundle is the plain one, every package import kept external. The vendor script is loaded into this
 * process to read its export names and stays loaded, so importing the bundle in this process reuses it.
 */
export async function buildVendored(
  entry: string,
  outfile: string,
  cacheDir: string,
  vendor: readonly string[],
  writeAtomic: (file: string, content: string) => Promise<void>,
  contentKey: (content: string) => string,
): Promise<VendoredBuild> {
  const vendored = new Set(vendor);
  const isVendored = (specifier: string) => !isBuiltin(specifier) && vendored.has(packageName(specifier));

  // Pass 1: which vendored imports the entry's files make, from where.
  const imports = new Map<string, { resolveDir: string; specifier: string }>();
  const record: Plugin = {
    name: 'sluice-vendor-imports',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (!isVendored(args.path) || path.isAbsolute(args.path)) return undefined;
        imports.set(vendorKey(args.resolveDir, args.path), { resolveDir: args.resolveDir, specifier: args.path });
        return { path: args.path, external: true };
      });
    },
  };
  const first = await build(entry, outfile, [], { plugins: [record] });
  const plain: VendoredBuild = { ...first, preload: [] };
  if (imports.size === 0) return plain;

  const script = await buildVendorScript(entry, [...imports], vendored);
  if (script === undefined) return plain;
  const file = path.join(cacheDir, `vendor-${contentKey(script.code)}.cjs`);
  await mkdir(cacheDir, { recursive: true });
  // Written even when a file of that name exists: the name is its content's, but a damaged file would keep it.
  await writeAtomic(file, script.code);

  // The vendor script's export names, read from the script itself (loaded once; the bundle reuses this instance).
  const externals = Object.fromEntries(
    await Promise.all(script.externals.map(async (url) => [url, (await import(url)) as object] as const)),
  );
  // Through the module the bundle imports, so that this process holds one instance of the script.
  const loaderUrl = pathToFileURL(vendorScriptModule()).href;
  const loader = (await import(loaderUrl)) as { loadVendorScript: typeof loadVendorScript };
  const exports: VendorExports = loader.loadVendorScript(file, externals);

  // Pass 2: the entry bundle, each vendored import a module of the script's namespace.
  const shims: Plugin = {
    name: 'sluice-vendor-shims',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (!isVendored(args.path) || path.isAbsolute(args.path)) return undefined;
        return { path: vendorKey(args.resolveDir, args.path), namespace: 'sluice-vendor' };
      });
      b.onLoad({ filter: /.*/, namespace: 'sluice-vendor' }, (args) => {
        const namespace = exports[args.path];
        if (namespace === undefined) return { errors: [{ text: `the vendor script lacks ${args.path}` }] };
        return { contents: shimModule(args.path, Object.keys(namespace)), loader: 'js' };
      });
    },
  };
  const banner = [
    `import { loadVendorScript as __sluiceLoadVendorScript } from ${JSON.stringify(loaderUrl)};`,
    ...script.externals.map((url, i) => `import * as __sluiceVendorExternal${i} from ${JSON.stringify(url)};`),
    `const __sluiceVendor = __sluiceLoadVendorScript(${JSON.stringify(file)}, { ${script.externals
      .map((url, i) => `${JSON.stringify(url)}: __sluiceVendorExternal${i}`)
      .join(', ')} });`,
  ].join('\n');
  const second = await build(entry, outfile, [], { plugins: [shims], banner });
  const inputs = new Set([
    ...first.inputs,
    ...second.inputs,
    ...script.inputs,
    ...script.externals.map((url) => fileURLToPath(url)),
    file,
    vendorScriptModule(),
    ...scriptLoaderFile(),
  ]);
  return { code: second.code, inputs: [...inputs], preload: [loaderUrl, ...script.externals] };
}

/**
 * An ES module re-exporting one namespace of the vendor script, under each of its names. Each name is read by a call
 * marked pure, so the bundler drops the names the entry does not import (zod alone has about 260).
 */
function shimModule(key: string, names: readonly string[]): string {
  const lines = [
    `const namespace = __sluiceVendor[${JSON.stringify(key)}];`,
    'function pick(name) { return namespace[name]; }',
  ];
  names.forEach((name, i) => {
    lines.push(`const export${i} = /* @__PURE__ */ pick(${JSON.stringify(name)});`);
    lines.push(`export { export${i} as ${JSON.stringify(name)} };`);
  });
  return lines.join('\n');
}

/**
 * The file of the loader that runs vendor scripts (`@sluice/sdk/cached-script`), an input of every vendored bundle:
 * the parameters the script's code names are the loader's. Resolved on this rare path only (a bundle being built),
 * as the CommonJS loader resolves it, which works in both builds of this module.
 */
function scriptLoaderFile(): string[] {
  try {
    return [createRequire(import.meta.url).resolve('@sluice/sdk/cached-script')];
  } catch {
    return [];
  }
}

/** The vendor script's loader module, beside this one (`vendor-script.js` in the build, `.ts` in the sources). */
function vendorScriptModule(): string {
  const here = fileURLToPath(import.meta.url);
  return path.join(path.dirname(here), `vendor-script${path.extname(here)}`);
}

/**
 * The vendor script: each vendored import (by importer directory and specifier) resolved and bundled as CommonJS,
 * with the packages they import from outside the vendored set left as `file:` URLs to hand in, and dynamic imports
 * left as calls of the script's importer. `undefined` when a vendored file makes a dynamic import the script cannot
 * serve (a computed specifier): it is then better not vendored.
 */
async function buildVendorScript(
  entry: string,
  imports: readonly (readonly [string, { resolveDir: string; specifier: string }])[],
  vendored: ReadonlySet<string>,
): Promise<{ code: string; inputs: string[]; externals: string[] } | undefined> {
  const esbuild = await import('esbuild');
  const externals = new Set<string>();
  let unsafe = false;
  const plugin: Plugin = {
    name: 'sluice-vendor-script',
    setup(b) {
      /** The file an import resolves to; an import that does not resolve makes the script unsafe to use. */
      const resolveFile = async (specifier: string, kind: import('esbuild').ImportKind, resolveDir: string) => {
        const resolved = await b.resolve(specifier, { kind, resolveDir, pluginData: 'resolving' });
        if (resolved.errors.length > 0 || resolved.external || !path.isAbsolute(resolved.path)) unsafe = true;
        return resolved.path;
      };
      b.onResolve({ filter: /^sluice-vendor-entry:/ }, async (args) => {
        const index = Number(args.path.slice('sluice-vendor-entry:'.length));
        const target = imports[index]?.[1];
        if (target === undefined) return { errors: [{ text: `no vendored import ${args.path}` }] };
        const file = await resolveFile(target.specifier, 'import-statement', target.resolveDir);
        return unsafe ? { path: target.specifier, external: true } : { path: file };
      });
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'resolving' || args.path.startsWith('sluice-vendor-entry:')) return undefined;
        if (args.kind === 'dynamic-import') {
          const url = pathToFileURL(await resolveFile(args.path, args.kind, args.resolveDir)).href;
          return { path: `${DYNAMIC_IMPORT}${url}`, external: true };
        }
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        if (/^[./]/.test(args.path) || vendored.has(packageName(args.path))) return undefined;
        const url = pathToFileURL(await resolveFile(args.path, args.kind, args.resolveDir)).href;
        externals.add(url);
        return { path: url, external: true };
      });
    },
  };
  const stdin = [
    ...imports.map((_, i) => `import * as v${i} from 'sluice-vendor-entry:${i}';`),
    `export default { ${imports.map(([key], i) => `${JSON.stringify(key)}: v${i}`).join(', ')} };`,
  ].join('\n');
  let result: Awaited<ReturnType<typeof esbuild.build>>;
  try {
    result = await esbuild.build({
      stdin: { contents: stdin, resolveDir: path.dirname(entry), loader: 'js' },
      // The metafile names inputs relative to this.
      absWorkingDir: path.dirname(entry),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: `node${process.versions.node.split('.')[0]}`,
      // No comments: what is left of `import(` is code, which the check below can trust.
      minifyWhitespace: true,
      // ASCII (esbuild's default, stated): a one-byte string when read, whatever the packages' sources hold.
      charset: 'ascii',
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [plugin, moduleLocationPlugin],
    });
  } catch {
    // A vendored package that does not bundle (or resolve) is left to Node, as the plain bundle leaves it.
    return undefined;
  }
  const output = result.outputFiles?.[0];
  if (output === undefined || unsafe) return undefined;
  const code = output.text.replaceAll(`import("${DYNAMIC_IMPORT}`, `${SCRIPT_PARAMETERS[5]}("`);
  if (/(?<![\w$.])import\s*\(/.test(code)) return undefined;
  return { code, inputs: inputFiles(result.metafile, path.dirname(entry)), externals: [...externals] };
}
