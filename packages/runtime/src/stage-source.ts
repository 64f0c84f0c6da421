import { existsSync, readFileSync } from 'node:fs';
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
 * The file of the first stack frame below `below` (the function the defining module called). In a module the local
 * bundler wrote, the user's original file, read from the bundle's inline source map. Otherwise read from the stack as
 * Node formats it, so that when source maps are on (`--enable-source-maps`) it is the original file, not the build
 * output; else from V8's structured call sites (the module URL the loader gave the file). `undefined` when no frame
 * has a file (REPL, `node -e`).
 */
export function callerFile(below: (...args: never[]) => unknown): string | undefined {
  // A bundle's frame is mapped here, not by formatting the stack: Node would parse the whole source map on the first
  // stack it formats (milliseconds, on every `workflow compile`), where finding one frame's source file is cheap.
  // Only as Node's ES module loader ran it (a `file:` URL names the script): a test runner that transforms modules
  // (a plain path names it) shifts their lines, and maps its stacks its own way.
  const structured = structuredCallerSite(below);
  if (structured?.file?.startsWith('file:') === true && isBundle(structured.file)) {
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

/** A bundle's inline source map, as far as finding a frame's source needs it. */
interface InlineMap {
  readonly sources: readonly string[];
  readonly sourceRoot: string;
  /** Per generated line, its segments as `[column, source index, column, source index, …]` (-1: no source). */
  readonly lines: readonly Int32Array[];
}

/** Inline source maps already read, by bundle file (`null`: the file has none). */
const inlineMaps = new Map<string, InlineMap | null>();

function inlineMapOf(file: string): InlineMap | undefined {
  const known = inlineMaps.get(file);
  if (known !== undefined) return known ?? undefined;
  const text = readFileSync(file, 'utf8');
  const inline = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(
    text,
  );
  let map: InlineMap | null = null;
  if (inline?.[1] !== undefined) {
    const payload = JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8')) as {
      sources?: unknown;
      sourceRoot?: unknown;
      mappings?: unknown;
    };
    const lines = typeof payload.mappings === 'string' ? sourceColumns(payload.mappings) : undefined;
    if (Array.isArray(payload.sources) && lines !== undefined) {
      const sourceRoot = typeof payload.sourceRoot === 'string' ? payload.sourceRoot : '';
      map = { sources: payload.sources.map(String), sourceRoot, lines };
    }
  }
  inlineMaps.set(file, map);
  return map ?? undefined;
}

/** The original file of a frame in a bundle, read from the bundle's inline source map. */
function originalOf(site: { file?: string; line: number; column: number }): string | undefined {
  try {
    const file = site.file?.startsWith('file:') ? fileURLToPath(site.file) : (site.file ?? '');
    const map = inlineMapOf(file);
    if (map === undefined) return undefined;
    const index = sourceAt(map.lines, site.line - 1, site.column - 1);
    const name = index === undefined ? undefined : map.sources[index];
    if (name === undefined) return undefined;
    const source = `${map.sourceRoot}${name}`;
    return source.startsWith('file:') ? source : path.resolve(path.dirname(file), source);
  } catch {
    return undefined;
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) BASE64_VALUES[BASE64.charCodeAt(i)] = i;

/**
 * The generated column and source index of every segment of a source map's `mappings`, per generated line: only
 * the two fields a frame's source file needs, in one pass, without the entry objects `SourceMap` builds (which costs
 * milliseconds for a bundle's map in a process that has not warmed up). `undefined` for mappings that are not
 * base64 VLQ.
 */
function sourceColumns(mappings: string): Int32Array[] | undefined {
  const lines: Int32Array[] = [];
  let segments: number[] = [];
  let column = 0;
  let source = 0;
  let field = 0;
  let value = 0;
  let shift = 0;
  for (let i = 0; i <= mappings.length; i++) {
    const code = i === mappings.length ? 59 : mappings.charCodeAt(i);
    if (code === 59 /* ; */ || code === 44 /* , */) {
      // A segment of one field maps its column to no source (esbuild writes none).
      if (field > 0) segments.push(column, field >= 4 ? source : -1);
      field = 0;
      if (code === 59) {
        lines.push(Int32Array.from(segments));
        segments = [];
        column = 0;
      }
      continue;
    }
    const digit = code < 128 ? (BASE64_VALUES[code] ?? -1) : -1;
    if (digit < 0) return undefined;
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    const decoded = value % 2 === 1 ? -(value - 1) / 2 : value / 2;
    value = 0;
    shift = 0;
    if (field === 0) column += decoded;
    else if (field === 1) source += decoded;
    field++;
  }
  return lines;
}

/** The source index of the last segment at or before a generated position (zero-based), as `findEntry` finds it. */
function sourceAt(lines: readonly Int32Array[], line: number, column: number): number | undefined {
  for (let l = Math.min(line, lines.length - 1); l >= 0; l--) {
    const segments = lines[l] ?? new Int32Array();
    for (let i = segments.length - 2; i >= 0; i -= 2) {
      if (l < line || (segments[i] ?? 0) <= column) {
        const source = segments[i + 1] ?? -1;
        return source < 0 ? undefined : source;
      }
    }
  }
  return undefined;
}

/**
 * The source index of the last mapping at or before a generated position (zero-based line and column) in a source
 * map's `mappings`, as `SourceMap.findEntry` finds it; `undefined` before the first mapping.
 */
export function sourceIndexAt(mappings: string, line: number, column: number): number | undefined {
  const lines = sourceColumns(mappings);
  return lines === undefined ? undefined : sourceAt(lines, line, column);
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
