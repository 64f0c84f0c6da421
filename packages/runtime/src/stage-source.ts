import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSourceRuns, type SourceRuns, sourceIndexAt } from './bundle-sources.js';

/**
 * Where a stage is defined: the module that called `defineStage`, and the project it belongs to.
 * @example
 * ```ts
 * import { defineStage, type StageSource } from '@sluice/runtime';
 *
 * const stage = defineStage({ name: 'extract', run() {} });
 * const source: StageSource | undefined = stage.source; // e.g. { path: 'stages/extract.ts', … }
 * ```
 */
export interface StageSource {
  /** The defining module's absolute path (the user's original `.ts` file, not a build output). */
  readonly file: string;
  /** The project directory: the nearest directory above `file` holding a `package.json`. */
  readonly projectDir: string;
  /** `file` relative to `projectDir`, with `/` separators, e.g. `stages/dedupe.ts`. */
  readonly path: string;
}

/**
 * The file of the first stack frame below `below` (the function the defining module called). In a module the local
 * bundler wrote, the user's original file, read from the source runs the bundle carries (see `bundle-sources.ts`).
 * Otherwise read from the stack as Node formats it, so that when source maps are on (`--enable-source-maps`) it is
 * the original file, not the build output; else from V8's structured call sites (the module URL the loader gave the file). `undefined` when no frame
 * has a file (REPL, `node -e`).
 */
export function callerFile(below: (...args: never[]) => unknown): string | undefined {
  // A bundle's frame is mapped here, not by formatting the stack: Node maps stacks only with source maps on, which
  // costs every load of a bundle the parsing of its map. Any module Node's ES module loader ran (a `file:` URL names
  // the script) may be a bundle, wherever its cache directory is: one carrying source runs is mapped by them. Not a
  // module a test runner transformed (a plain path names it): its lines are shifted, and mapped the runner's way.
  const structured = structuredCallerSite(below);
  if (structured?.file?.startsWith('file:') === true) {
    const original = originalOf(structured);
    if (original !== undefined) return original;
  }
  const site = formattedCallerSite(below) ?? structured;
  if (site?.file === undefined) return undefined;
  return isBundle(site.file) ? (originalOf(site) ?? site.file) : site.file;
}

/** A module the local bundler wrote (`.sluice/cache/<hash>.mjs`): its frames stand for the user's files. */
function isBundle(file: string): boolean {
  return /[\\/]\.sluice[\\/]cache[\\/][^\\/]+\.mjs$/.test(file);
}

/** The source runs of bundles already read, by bundle file (`null`: the file has none). */
const bundleRuns = new Map<string, SourceRuns | null>();

function sourceRunsOf(file: string): SourceRuns | undefined {
  const known = bundleRuns.get(file);
  if (known !== undefined) return known ?? undefined;
  // Only a file named as a bundle may be read through its inline source map (a bundle written without source runs).
  const runs = bundleSourceRuns(readFileSync(file, 'utf8'), { inlineMap: isBundle(file) }) ?? null;
  bundleRuns.set(file, runs);
  return runs ?? undefined;
}

/** The original file of a frame in a bundle, read from the bundle's source runs (see `bundle-sources.ts`). */
function originalOf(site: { file?: string; line: number; column: number }): string | undefined {
  try {
    const file = site.file?.startsWith('file:') ? fileURLToPath(site.file) : (site.file ?? '');
    const runs = sourceRunsOf(file);
    if (runs === undefined) return undefined;
    const index = sourceIndexAt(runs.starts, site.line - 1, site.column - 1);
    const source = index === undefined ? undefined : runs.sources[index];
    if (source === undefined) return undefined;
    return source.startsWith('file:') ? source : path.resolve(path.dirname(file), source);
  } catch {
    return undefined;
  }
}

/**
 * The first frame from the stack as the process formats it (Node's formatting applies source maps when they are on;
 * a test runner's applies its own): file, line and column.
 */
function formattedCallerSite(
  below: (...args: never[]) => unknown,
): { file?: string; line: number; column: number } | undefined {
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 8;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, below);
    if (typeof holder.stack !== 'string') return undefined;
    for (const frame of holder.stack.split('\n').slice(1)) {
      const match = /\(?((?:file:\/\/)?\/[^()]*?|[A-Za-z]:\\[^()]*?):(\d+):(\d+)\)?\s*$/.exec(frame);
      if (match?.[1] !== undefined) return { file: match[1], line: Number(match[2]), column: Number(match[3]) };
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function structuredCallerSite(
  below: (...args: never[]) => unknown,
): { file?: string; line: number; column: number } | undefined {
  const original = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 8;
    Error.prepareStackTrace = (_error, sites) => sites;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder, below);
    const sites = (holder.stack ?? []) as NodeJS.CallSite[];
    for (const site of sites) {
      const name = site.getFileName() ?? site.getScriptNameOrSourceURL();
      if (typeof name === 'string' && name !== '' && !name.startsWith('node:')) {
        return { file: name, line: site.getLineNumber() ?? 1, column: site.getColumnNumber() ?? 1 };
      }
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    Error.prepareStackTrace = original;
    Error.stackTraceLimit = limit;
  }
}

/**
 * Resolves a module reference (a `file:` URL such as `import.meta.url`, or a path) to a {@link StageSource}, or
 * `undefined` when it is not a file on disk (a virtual module, an `eval`).
 * @example
 * ```ts
 * import { stageSource } from '@sluice/runtime';
 *
 * const source = stageSource(import.meta.url);
 * console.log(source?.projectDir, source?.path);
 * ```
 */
export function stageSource(module: string): StageSource | undefined {
  let file: string;
  try {
    file = module.startsWith('file:') ? fileURLToPath(module.replace(/[?#].*$/, '')) : module;
  } catch {
    return undefined;
  }
  if (!path.isAbsolute(file) || !existsSync(file)) return undefined;
  let projectDir = path.dirname(file);
  while (!existsSync(path.join(projectDir, 'package.json'))) {
    const parent = path.dirname(projectDir);
    if (parent === projectDir) {
      projectDir = path.dirname(file);
      break;
    }
    projectDir = parent;
  }
  return { file, projectDir, path: path.relative(projectDir, file).split(path.sep).join('/') };
}
