import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from './esbuild-build.js';
import { buildVendored } from './vendor-bundle.js';

export { mapBundleFrames } from './bundle-stack.js';
export { BundleError, withModuleLocation } from './esbuild-build.js';

/** Where a bundled module was written, and whether an earlier bundle of the same inputs was reused. */
export interface BundledModule {
  /** Absolute path of the bundled ES module (`<cacheDir>/<key>.mjs`). */
  readonly file: string;
  /** `true` when every input was unchanged since the bundle was written, so nothing was rebuilt. */
  readonly cached: boolean;
  /**
   * Modules (`file:` URLs) the bundle imports before its own code, for a caller that wants them loaded first: with
   * vendored packages, the vendor script's loader and the packages the script takes from outside. Empty otherwise.
   */
  readonly preload: readonly string[];
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
  /**
   * Packages to serve from one vendor script with a V8 code cache instead of as ES modules (e.g. `['zod']`): every
   * import of them in the bundle, and their imports of each other, share one instance, and a later process compiles
   * none of their code again (Node 20 keeps no compiled code of ES modules between runs). Their own imports of other
   * packages stay ES modules, shared with the rest of the process, and their dynamic imports stay dynamic imports
   * of the real files. A package that cannot be vendored safely is left external. Ignored with `conditions`.
   */
  readonly vendor?: readonly string[];
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
  readonly preload?: readonly string[];
}

/** Bumped when the bundle's shape changes, so bundles of an older Sluice are not reused. */
const FORMAT = 4;

/**
 * Bundles a TypeScript (or JavaScript) module and the project files it imports into one ES module, with package
 * imports kept as imports, and returns its path. This is how Sluice loads a `.ts` entry or a stage without a
 * TypeScript loader in the process: the bundle is plain JavaScript that Node imports directly.
 *
 * The bundle is cached by content: the inputs esbuild read are recorded with their sizes, times and hashes, and a
 * later call whose inputs are unchanged returns the same file without starting esbuild. Each module keeps its own
 * `import.meta.url`, `import.meta.dirname`/`filename` and `__dirname`/`__filename`, and the inline source map names
 * the original files, so stack traces point at the user's `.ts` lines when source maps are enabled
 * (`process.setSourceMapsEnabled(true)` or `node --enable-source-maps`), or when mapped by {@link mapBundleFrames}.
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
  const conditions = options.conditions ?? [];
  const vendor = conditions.length === 0 ? (options.vendor ?? []) : [];
  // The bundler's own location is part of the identity: a vendored bundle names Sluice's loader module, so a bundle
  // made by Sluice's sources (its tests) must not be reused by its build, nor one installation's by another's.
  const identity = `${FORMAT}\0${process.version}\0${import.meta.url}\0${absolute}\0${conditions.join(',')}${vendor.length === 0 ? '' : `\0vendor=${vendor.join(',')}`}`;
  const key = cacheKey(identity);
  const file = path.join(cacheDir, `${key}.mjs`);
  const inputsFile = path.join(cacheDir, `${key}.inputs.json`);
  const hit = await unchanged(identity, file, inputsFile);
  if (hit !== undefined) return { file, cached: true, preload: hit.preload ?? [] };

  const { code, inputs, preload } =
    vendor.length === 0
      ? { ...(await build(absolute, file, conditions)), preload: [] }
      : await buildVendored(absolute, file, cacheDir, vendor, writeAtomic, cacheKey);
  const records = await Promise.all(inputs.map(record));
  await mkdir(cacheDir, { recursive: true });
  await writeAtomic(file, code);
  await writeAtomic(inputsFile, JSON.stringify({ identity, inputs: records, preload } satisfies CacheRecord));
  return { file, cached: false, preload };
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

/**
 * The record of the bundle of this identity when the bundle exists and every input it recorded has the same content
 * now; else `undefined`.
 */
async function unchanged(
  identity: string,
  file: string,
  inputsFile: string,
): Promise<Partial<CacheRecord> | undefined> {
  let recorded: Partial<CacheRecord>;
  try {
    recorded = JSON.parse(await readFile(inputsFile, 'utf8')) as Partial<CacheRecord>;
    statSync(file);
  } catch {
    return undefined;
  }
  if (recorded.identity !== identity || !Array.isArray(recorded.inputs)) return undefined;
  if (recorded.preload !== undefined && !Array.isArray(recorded.preload)) return undefined;
  let retimed = false;
  const inputs: InputRecord[] = [];
  for (const r of recorded.inputs) {
    // Synchronous: a cache hit checks every input (a vendored package is a hundred files), and a thread-pool round
    // trip per file costs more than the stat itself.
    const now = statSync(r.file, { throwIfNoEntry: false });
    if (now === undefined || now.size !== r.size) return undefined;
    // Same size and time: unchanged. Same size, other time (a checkout, a touch, a rebuild): compare the content.
    if (now.mtimeMs !== r.mtimeMs) {
      if (sha256(await readFile(r.file)) !== r.sha256) return undefined;
      retimed = true;
    }
    inputs.push(now.mtimeMs === r.mtimeMs ? r : { ...r, mtimeMs: now.mtimeMs });
  }
  // Record the new times, so that the next hit compares times again instead of hashing (and loading node:crypto).
  if (retimed) await writeAtomic(inputsFile, JSON.stringify({ ...recorded, inputs })).catch(() => undefined);
  return recorded;
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
