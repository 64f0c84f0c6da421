import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a stage is defined: the module that called `defineStage`, and the project it belongs to. */
export interface StageSource {
  /** The defining module's absolute path (the user's original `.ts` file, not a build output). */
  readonly file: string;
  /** The project directory: the nearest directory above `file` holding a `package.json`. */
  readonly projectDir: string;
  /** `file` relative to `projectDir`, with `/` separators, e.g. `stages/dedupe.ts`. */
  readonly path: string;
}

/**
 * The file of the first stack frame below `below` (the function that was called by the defining module), read from
 * V8's structured call sites: the module URL the loader gave the file, so a `.ts` file loaded through a transform
 * is named as written. `undefined` when no frame has a file (REPL, `node -e`).
 */
export function callerFile(below: (...args: never[]) => unknown): string | undefined {
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
      if (typeof name === 'string' && name !== '' && !name.startsWith('node:')) return name;
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
 *
 * @example
 * ```ts
 * stageSource(import.meta.url); // { file: '/home/me/etl/stages/dedupe.ts', projectDir: '/home/me/etl', path: 'stages/dedupe.ts' }
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
