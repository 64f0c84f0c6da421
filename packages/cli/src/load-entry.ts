import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ArgoVersion } from '@sluice/argo-types';
import { UsageError } from './command.js';
import { guardEntryImport } from './entry-guard.js';

/**
 * Imports a user's TypeScript (or JavaScript) entry without a build step and returns its exports. A `.ts` entry is
 * bundled with the project files it imports into one cached ES module (`@sluice/local/bundle`, packages kept as
 * imports), so no TypeScript loader runs in the process; unchanged inputs reuse the bundle without starting esbuild.
 */
export async function importEntry(
  file: string,
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<string, unknown>> {
  const full = path.resolve(cwd, file);
  try {
    if (/\.[cm]?tsx?$/.test(full)) {
      if (!existsSync(full)) throw new UsageError(`${file}: no such file`);
      const { bundleModule } = await import('@sluice/local/bundle');
      const bundled = await bundleModule(full, { vendor: VENDORED_PACKAGES });
      await Promise.all(bundled.preload.map((url) => import(url)));
      const url = pathToFileURL(bundled.file).href;
      importedBundles.add(bundled.file);
      try {
        return unwrapCommonJs(await guardEntryImport(() => import(url) as Promise<Record<string, unknown>>, env));
      } catch (error) {
        throw await mapEntryFrames(error);
      }
    }
    const url = pathToFileURL(full).href;
    return unwrapCommonJs(await guardEntryImport(() => import(url) as Promise<Record<string, unknown>>, env));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as { code?: string }).code;
    // Only the entry itself missing is a usage error; a module it imports that is missing is an error in the entry.
    if (code === 'ERR_MODULE_NOT_FOUND' && !existsSync(full)) {
      throw new UsageError(`${file}: no such file`);
    }
    throw new EntryLoadError(full, error);
  }
}

/** The bundles of `.ts` entries this process imported (see {@link mapEntryFrames}). */
const importedBundles = new Set<string>();

/**
 * `error`, with the frames of its stack (and its causes') that are in the bundle of an entry this process imported
 * mapped to the user's TypeScript files and lines. Entries are imported with Node's source maps off (Node would read
 * each bundle's map as it loads it, milliseconds on every command): a stack is mapped only when it is shown. A value
 * that is not an error, or whose stack cannot be set, is returned as it is.
 */
export async function mapEntryFrames(error: unknown): Promise<unknown> {
  if (importedBundles.size === 0 || !(error instanceof Error)) return error;
  const { mapBundleFrames } = await import('@sluice/local/bundle');
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    try {
      if (typeof e.stack === 'string') e.stack = mapBundleFrames(e.stack, importedBundles);
    } catch {
      // A frozen error keeps its stack as it is.
    }
  }
  return error;
}

/**
 * Packages an entry's bundle takes from a vendor script with a V8 code cache (see `bundleModule`'s `vendor`): the
 * stage schemas' zod (about a hundred modules, the largest part of loading a pipeline) and `@sluice/data`, which
 * imports zod too, so both share one instance. `@sluice/sdk` is not vendored: the CLI itself imports it.
 */
const VENDORED_PACKAGES = ['zod', '@sluice/data'] as const;

/**
 * An entry in a project without `"type": "module"` is loaded as CommonJS: its `export default x` arrives as
 * `{ default: { default: x, … } }`. Lift the inner exports so such a project works like an ES module one.
 */
function unwrapCommonJs(namespace: Record<string, unknown>): Record<string, unknown> {
  const inner = namespace.default;
  if (typeof inner !== 'object' || inner === null || isCompilable(inner)) return namespace;
  if (!('__esModule' in inner) && !('default' in inner)) return namespace;
  return { ...namespace, ...(inner as Record<string, unknown>) };
}

/**
 * An error thrown while importing a user's entry (its own code, or a builder it called, threw). The CLI prints
 * `workflow <command>: <file>: <message>` and the user-code location instead of a Node stack, and exits 2.
 */
export class EntryLoadError extends Error {
  override readonly name = 'EntryLoadError';
  /** The absolute path of the entry. */
  readonly file: string;
  /** `file:line:column` of the innermost frame in the user's code (not node_modules, not Node), when known. */
  readonly location: string | undefined;
  /** The error as thrown, with its stack (printed with `--verbose` or `SLUICE_DEBUG=1`). */
  readonly thrown: unknown;

  constructor(file: string, thrown: unknown) {
    super(thrown instanceof Error ? thrown.message : String(thrown));
    this.file = file;
    this.thrown = thrown;
    // A bundling error (a syntax error, an import that does not resolve) carries its own location.
    const bundled = (thrown as { name?: unknown; location?: unknown } | null)?.location;
    this.location =
      (thrown as { name?: unknown } | null)?.name === 'BundleError' && typeof bundled === 'string'
        ? bundled
        : userLocation(thrown, path.dirname(file));
  }

  /** {@link location} relative to `cwd` (e.g. `pipeline.ts:18:62`), when known. */
  where(cwd: string): string | undefined {
    return this.location === undefined ? undefined : path.relative(cwd, this.location);
  }

  /** The message with the file shown relative to `cwd`, plus an `at <location>` line when known. */
  describe(cwd: string): string {
    const where = this.where(cwd);
    return `${path.relative(cwd, this.file) || this.file}: ${this.message}${where === undefined ? '' : `\n  at ${where}`}`;
  }
}

/** A frame's file as a path: without `file://` and without a query. */
function filePath(frame: string): string {
  return decodeURIComponent(frame.replace(/^file:\/\//, '').replace(/\?.*$/, ''));
}

const FRAME = /\(?((?:file:\/\/)?\/[^()\s]*?):(\d+):(\d+)\)?$/;

/** The innermost stack frame in the entry's own directory tree (never node_modules, Node or Sluice itself). */
function userLocation(thrown: unknown, dir: string): string | undefined {
  const stack = thrown instanceof Error ? (thrown.stack ?? '') : '';
  const frames = stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => FRAME.exec(line.trim()))
    .flatMap((m) => (m?.[1] === undefined ? [] : [`${filePath(m[1])}:${m[2]}:${m[3]}`]))
    .filter((f) => !f.includes('/node_modules/'));
  return frames.find((f) => f.startsWith(`${dir}${path.sep}`));
}

/**
 * The exports of an entry that can be compiled to manifests, default export first: any value with a
 * `toManifests()` method (pipelines, several objects) or a `toObject()` method (one workflow object).
 */
export function compilableExports(exports: Record<string, unknown>): { name: string; value: Compilable }[] {
  const names = Object.keys(exports).sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : 0));
  const seen = new Set<unknown>();
  const found: { name: string; value: Compilable }[] = [];
  for (const name of names) {
    const value = exports[name];
    if (seen.has(value) || !isCompilable(value)) continue;
    seen.add(value);
    found.push({ name, value });
  }
  return found;
}

/** The Argo release to compile for (see `--argo-version`); left out, the newest release's form. */
export interface CompileTarget {
  readonly argoVersion?: ArgoVersion;
}

/** What the CLI can compile: the builders of `@sluice/sdk` satisfy it. */
export interface Compilable {
  /** Several manifests (a pipeline and its companions). */
  toManifests?(options?: CompileTarget): readonly unknown[];
  /** One manifest. */
  toObject?(options?: CompileTarget): unknown;
}

function isCompilable(value: unknown): value is Compilable {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Compilable;
  return typeof v.toManifests === 'function' || typeof v.toObject === 'function';
}

/** The manifests of a compilable value, for the target release when one is given. */
export function manifestsOf(value: Compilable, target: CompileTarget = {}): unknown[] {
  const options = target.argoVersion === undefined ? undefined : target;
  if (typeof value.toManifests === 'function') return [...value.toManifests(options)];
  return [value.toObject?.(options)];
}
