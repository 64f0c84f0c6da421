import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
 * The file of the first stack frame below `below` (the function the defining module called). Read from the stack
 * as Node formats it, so that when source maps are on (a bundled `.ts` file, `--enable-source-maps`) it is the
 * user's original file, not the bundle; else from V8's structured call sites (the module URL the loader gave the
 * file). `undefined` when no frame has a file (REPL, `node -e`).
 */
export function callerFile(below: (...args: never[]) => unknown): string | undefined {
  const site = formattedCallerSite(below) ?? structuredCallerSite(below);
  if (site?.file === undefined) return undefined;
  return isBundle(site.file) ? (originalOf(site) ?? site.file) : site.file;
}

/** A module the local bundler wrote (`.sluice/cache/<hash>.mjs`): its frames stand for the user's files. */
function isBundle(file: string): boolean {
  return /[\\/]\.sluice[\\/]cache[\\/][^\\/]+\.mjs$/.test(file);
}

/** The original file of a frame in a bundle, read from the bundle's inline source map (when Node did not map it). */
function originalOf(site: { file?: string; line: number; column: number }): string | undefined {
  try {
    const file = site.file?.startsWith('file:') ? fileURLToPath(site.file) : (site.file ?? '');
    const text = readFileSync(file, 'utf8');
    const inline = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(
      text,
    );
    if (inline?.[1] === undefined) return undefined;
    const payload = JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8')) as ConstructorParameters<
      typeof SourceMap
    >[0];
    const entry = new SourceMap(payload).findEntry(site.line - 1, site.column - 1) as { originalSource?: string };
    if (entry.originalSource === undefined) return undefined;
    const source = entry.originalSource;
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
