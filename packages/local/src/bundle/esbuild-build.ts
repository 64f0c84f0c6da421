import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inlineSourceMap } from './inline-source-map.js';

/** An error of the bundler (a syntax error, an import that does not resolve), with esbuild's located messages. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
  /** The entry that was being bundled (absolute). */
  readonly entry: string;
  /** `file:line:column` of the first error, when esbuild gave one. */
  readonly location: string | undefined;

  constructor(entry: string, message: string, location: string | undefined) {
    super(message);
    this.entry = entry;
    this.location = location;
  }
}

/** `import.meta` fields that a single bundle would otherwise share: each module keeps its own location. */
const IMPORT_META_LOCATION = /\bimport\.meta\.(url|dirname|filename)\b/g;

/**
 * A project file's source with its own location written in: `import.meta.url` / `dirname` / `filename` become
 * string literals, and a CommonJS-style `__dirname` / `__filename` that the file uses but does not declare gets a
 * declaration of its own (as a TypeScript loader running the file in place would give it).
 */
export function withModuleLocation(source: string, file: string): string {
  const values = { url: pathToFileURL(file).href, dirname: path.dirname(file), filename: file };
  let out = source.replace(IMPORT_META_LOCATION, (_, field: keyof typeof values) => JSON.stringify(values[field]));
  for (const name of ['__dirname', '__filename'] as const) {
    const used = new RegExp(`(?<![.\\w$])${name}\\b`).test(out);
    const declared = new RegExp(`\\b(?:const|let|var|function|class)\\s+${name}\\b`).test(out);
    if (used && !declared)
      out = `const ${name} = ${JSON.stringify(name === '__dirname' ? values.dirname : file)};${out}`;
  }
  return out;
}

/**
 * CommonJS `require` of a package, from a bundled ES module (esbuild's shim calls the `require` in scope). Made on
 * first use: `createRequire` starts Node's CommonJS loader, about 5–10 ms, which most bundles never need.
 */
const REQUIRE_BANNER = [
  "import { createRequire as __sluiceCreateRequire } from 'node:module';",
  'let __sluiceRequire;',
  'const __sluiceRequireOf = () => (__sluiceRequire ??= __sluiceCreateRequire(import.meta.url));',
  'const require = new Proxy(function require() {}, {',
  '  apply: (_, self, args) => Reflect.apply(__sluiceRequireOf(), self, args),',
  '  get: (_, key) => Reflect.get(__sluiceRequireOf(), key),',
  '  has: (_, key) => Reflect.has(__sluiceRequireOf(), key),',
  '});',
].join('\n');

/** What {@link build} adds to a plain bundle of the entry (the vendor passes, see `vendor-bundle.ts`). */
export interface BuildExtras {
  /** Plugins that run before the bundler's own (their resolutions win). */
  readonly plugins?: readonly import('esbuild').Plugin[];
  /** JavaScript placed after the `require` banner, at the top of the module. */
  readonly banner?: string;
}

/** The esbuild loader of a source file, by extension. */
const LOADERS: Record<string, 'ts' | 'tsx' | 'js' | 'jsx'> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.jsx': 'jsx',
};

/**
 * Gives each loaded file its own `import.meta` location and `__dirname` / `__filename` (see
 * {@link withModuleLocation}); files in other namespaces (generated modules) are left to their plugins.
 */
export const moduleLocationPlugin: import('esbuild').Plugin = {
  name: 'sluice-module-location',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]sx?$/, namespace: 'file' }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const loader = LOADERS[path.extname(args.path)] ?? 'ts';
      const plain = !source.includes('import.meta') && !source.includes('__dirname') && !source.includes('__filename');
      return { contents: plain ? source : withModuleLocation(source, args.path), loader };
    });
  },
};

/**
 * The files esbuild read for a build, as absolute paths (generated modules, in other namespaces, left out). esbuild
 * names them relative to the working directory's real path: reached through a symbolic link, a file outside the
 * linked tree (a workspace package) would otherwise resolve to a path that does not exist.
 */
export function inputFiles(metafile: import('esbuild').Metafile | undefined, workingDir: string): string[] {
  let base = workingDir;
  try {
    base = realpathSync(workingDir);
  } catch {
    // A working directory that vanished: its inputs cannot be checked either way.
  }
  return Object.keys(metafile?.inputs ?? {})
    .filter((input) => input !== '<stdin>' && !/^[\w-]{2,}:/.test(input))
    .map((input) => path.resolve(base, input));
}

/** One ES module of `entry` and the project files it imports, with an inline source map. */
export async function build(
  entry: string,
  outfile: string,
  conditions: readonly string[],
  extras: BuildExtras = {},
): Promise<{ code: string; inputs: string[] }> {
  const esbuild = await import('esbuild');
  let result: Awaited<ReturnType<typeof esbuild.build>>;
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      // Where the bundle will be: the source map names the inputs relative to it.
      outfile,
      absWorkingDir: path.dirname(entry),
      bundle: true,
      ...(conditions.length === 0 ? { packages: 'external' as const } : { conditions: [...conditions] }),
      platform: 'node',
      format: 'esm',
      target: `node${process.versions.node.split('.')[0]}`,
      sourcemap: 'inline',
      sourcesContent: false,
      banner: { js: extras.banner === undefined ? REQUIRE_BANNER : `${REQUIRE_BANNER}\n${extras.banner}` },
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [
        ...(extras.plugins ?? []),
        ...(conditions.length === 0 ? [] : [externalUnlessTypeScript]),
        moduleLocationPlugin,
      ],
    });
  } catch (error) {
    throw toBundleError(entry, error);
  }
  const output = result.outputFiles?.[0];
  if (output === undefined) throw new BundleError(entry, `${entry}: esbuild wrote no output`, undefined);
  return { code: await withSourceRuns(output.text), inputs: inputFiles(result.metafile, path.dirname(entry)) };
}

/**
 * The bundle with the comment line `@sluice/runtime` reads its source runs from (`bundleSourcesComment`), before the
 * inline source map: `defineStage` names the module that called it without decoding the map in every process.
 */
async function withSourceRuns(code: string): Promise<string> {
  const inline = inlineSourceMap(code);
  if (inline === undefined) return code;
  const { bundleSourcesComment } = await import('@sluice/runtime');
  const comment = bundleSourcesComment(inline.map);
  return comment === undefined ? code : `${code.slice(0, inline.at)}\n${comment}${code.slice(inline.at)}`;
}

/**
 * Keeps a package import external unless it resolves (under the extra conditions) to a TypeScript file. An external
 * import is written as the file it resolved to, from its own importer: a bundled workspace package's dependencies
 * need not be dependencies of the project the bundle is written in.
 */
const externalUnlessTypeScript: import('esbuild').Plugin = {
  name: 'sluice-external-unless-typescript',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'resolving' || path.isAbsolute(args.path)) return undefined;
      const resolved = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      });
      if (resolved.errors.length > 0 || /\.[cm]?tsx?$/.test(resolved.path)) return undefined;
      return { path: resolved.path, external: true };
    });
  },
};

interface EsbuildMessage {
  text: string;
  location?: { file: string; line: number; column: number; lineText: string } | null;
}

export function toBundleError(entry: string, error: unknown): BundleError {
  const errors = (error as { errors?: EsbuildMessage[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) {
    return new BundleError(entry, error instanceof Error ? error.message : String(error), undefined);
  }
  const workingDir = path.dirname(entry);
  const lines = errors.map((e) => {
    if (!e.location) return e.text;
    const shown = path.relative(process.cwd(), path.resolve(workingDir, e.location.file));
    return `${shown}:${e.location.line}:${e.location.column + 1}: ${e.text}`;
  });
  const first = errors[0]?.location;
  const location =
    first === undefined || first === null
      ? undefined
      : `${path.resolve(workingDir, first.file)}:${first.line}:${first.column + 1}`;
  return new BundleError(entry, lines.join('\n'), location);
}
