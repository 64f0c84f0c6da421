import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where a bundled module was written, and whether an earlier bundle of the same inputs was reused. */
export interface BundledModule {
  /** Absolute path of the bundled ES module (`<cacheDir>/<key>.mjs`). */
  readonly file: string;
  /** `true` when every input was unchanged since the bundle was written, so nothing was rebuilt. */
  readonly cached: boolean;
}

/** Options for {@link bundleModule}. */
export interface BundleModuleOptions {
  /**
   * The cache directory. Default `$SLUICE_CACHE_DIR`, else `.sluice/cache` in the entry's project (the nearest
   * directory above the entry with a `package.json`). It must be inside the project: the bundle's package imports
   * resolve from where it is written, exactly as the entry's own imports do.
   */
  readonly cacheDir?: string;
  /**
   * Extra export conditions to resolve packages with, as Node's `--conditions` would (e.g. `['source']` in a
   * workspace whose packages export their TypeScript sources under it). A package import that resolves to a
   * TypeScript file is then bundled, since plain Node could not load it; every other package import stays external.
   */
  readonly conditions?: readonly string[];
}

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

/** One input of a bundle as it was when the bundle was written. */
interface InputRecord {
  readonly file: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

/** What `<key>.inputs.json` holds: the identity the key was made from, and the inputs as they were. */
interface CacheRecord {
  readonly identity: string;
  readonly inputs: readonly InputRecord[];
}

/** Bumped when the bundle's shape changes, so bundles of an older Sluice are not reused. */
const FORMAT = 3;

/**
 * Bundles a TypeScript (or JavaScript) module and the project files it imports into one ES module, with package
 * imports kept as imports, and returns its path. This is how Sluice loads a `.ts` entry or a stage without a
 * TypeScript loader in the process: the bundle is plain JavaScript that Node imports directly.
 *
 * The bundle is cached by content: the inputs esbuild read are recorded with their sizes, times and hashes, and a
 * later call whose inputs are unchanged returns the same file without starting esbuild. Each module keeps its own
 * `import.meta.url`, `import.meta.dirname`/`filename` and `__dirname`/`__filename`, and the inline source map names
 * the original files, so stack traces point at the user's `.ts` lines when source maps are enabled
 * (`process.setSourceMapsEnabled(true)` or `node --enable-source-maps`).
 *
 * @throws {BundleError} naming the file, line and column of a syntax error or an import that does not resolve.
 *
 * @example
 * ```ts
 * const { file } = await bundleModule('pipeline.ts');
 * const exports = await import(pathToFileURL(file).href);
 * ```
 */
export async function bundleModule(entry: string, options: BundleModuleOptions = {}): Promise<BundledModule> {
  const absolute = path.resolve(entry);
  const cacheDir = path.resolve(options.cacheDir ?? process.env.SLUICE_CACHE_DIR ?? defaultCacheDir(absolute));
  const identity = `${FORMAT}\0${process.version}\0${absolute}\0${(options.conditions ?? []).join(',')}`;
  const key = cacheKey(identity);
  const file = path.join(cacheDir, `${key}.mjs`);
  const inputsFile = path.join(cacheDir, `${key}.inputs.json`);
  if (await unchanged(identity, file, inputsFile)) return { file, cached: true };

  const { code, inputs } = await build(absolute, file, options.conditions ?? []);
  const records = await Promise.all(inputs.map(record));
  await mkdir(cacheDir, { recursive: true });
  await writeAtomic(file, code);
  await writeAtomic(inputsFile, JSON.stringify({ identity, inputs: records } satisfies CacheRecord));
  return { file, cached: false };
}

/** `.sluice/cache` in the nearest directory above `entry` with a `package.json`, else beside the entry. */
function defaultCacheDir(entry: string): string {
  let dir = path.dirname(entry);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return path.join(dir, '.sluice', 'cache');
    const parent = path.dirname(dir);
    if (parent === dir) return path.join(path.dirname(entry), '.sluice', 'cache');
    dir = parent;
  }
}

/**
 * The cache file name of a bundle's identity: two 32-bit FNV-1a hashes (64 bits) in hex. Not `node:crypto`, which
 * costs a cache hit about 10 ms of start-up to load; the identity itself is recorded beside the bundle and checked,
 * so two identities that share a key only rebuild each other's bundle, never reuse it.
 */
function cacheKey(identity: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < identity.length; i++) {
    const c = identity.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`;
}

/** Whether the bundle of this identity exists and every input it recorded has the same content now. */
async function unchanged(identity: string, file: string, inputsFile: string): Promise<boolean> {
  let recorded: Partial<CacheRecord>;
  try {
    recorded = JSON.parse(await readFile(inputsFile, 'utf8')) as Partial<CacheRecord>;
    await stat(file);
  } catch {
    return false;
  }
  if (recorded.identity !== identity || !Array.isArray(recorded.inputs)) return false;
  for (const r of recorded.inputs) {
    const now = await stat(r.file).catch(() => undefined);
    if (now === undefined || now.size !== r.size) return false;
    // Same size and time: unchanged. Same size, other time (a checkout, a touch): compare the content.
    if (now.mtimeMs !== r.mtimeMs && sha256(await readFile(r.file)) !== r.sha256) return false;
  }
  return true;
}

async function record(file: string): Promise<InputRecord> {
  const [info, content] = await Promise.all([stat(file), readFile(file)]);
  return { file, size: info.size, mtimeMs: info.mtimeMs, sha256: sha256(content) };
}

/** `node:crypto` is loaded only here: when a bundle is (re)built or an input's time changed, never on a plain hit. */
function sha256(content: Buffer): string {
  return process.getBuiltinModule('node:crypto').createHash('sha256').update(content).digest('hex');
}

async function writeAtomic(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  await writeFile(temp, content);
  await rename(temp, file);
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

/** CommonJS `require` of a package, from a bundled ES module (esbuild's shim calls the `require` in scope). */
const REQUIRE_BANNER =
  "import { createRequire as __sluiceCreateRequire } from 'node:module';\nconst require = __sluiceCreateRequire(import.meta.url);";

async function build(
  entry: string,
  outfile: string,
  conditions: readonly string[],
): Promise<{ code: string; inputs: string[] }> {
  const esbuild = await import('esbuild');
  const loaders: Record<string, 'ts' | 'tsx' | 'js' | 'jsx'> = {
    '.ts': 'ts',
    '.mts': 'ts',
    '.cts': 'ts',
    '.tsx': 'tsx',
    '.js': 'js',
    '.mjs': 'js',
    '.cjs': 'js',
    '.jsx': 'jsx',
  };
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
      banner: { js: REQUIRE_BANNER },
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [
        ...(conditions.length === 0 ? [] : [externalUnlessTypeScript]),
        {
          name: 'sluice-module-location',
          setup(b) {
            b.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
              const source = await readFile(args.path, 'utf8');
              const loader = loaders[path.extname(args.path)] ?? 'ts';
              const plain =
                !source.includes('import.meta') && !source.includes('__dirname') && !source.includes('__filename');
              return { contents: plain ? source : withModuleLocation(source, args.path), loader };
            });
          },
        },
      ],
    });
  } catch (error) {
    throw toBundleError(entry, error);
  }
  const output = result.outputFiles?.[0];
  if (output === undefined) throw new BundleError(entry, `${entry}: esbuild wrote no output`, undefined);
  const workingDir = path.dirname(entry);
  const inputs = Object.keys(result.metafile?.inputs ?? {}).map((input) => path.resolve(workingDir, input));
  return { code: output.text, inputs };
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

function toBundleError(entry: string, error: unknown): BundleError {
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
