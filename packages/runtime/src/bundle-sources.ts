/**
 * Which source file each stretch of a bundle's code came from, so that `defineStage` can name the module that called
 * it. A bundle's source map says so, but decoding its `mappings` is a loop over every segment, and a process that
 * has just started pays for such a loop in compilation: 8-9 ms and 2 MB of fresh memory for a pipeline's bundle,
 * on every `workflow compile` and every stage start. So the bundler decodes the map once, when it writes the
 * bundle, and adds the result as one comment line ({@link bundleSourcesComment}); the runtime reads that line.
 */

/** The comment line's prefix. The line comes before the bundle's `//# sourceMappingURL=` line, which stays last. */
const SOURCES_COMMENT = '//# sluiceSources=';

/**
 * The runs of a bundle's code: each run starts at a generated position and maps to one source until the next run
 * starts. `starts` holds `[line, column, source index]` for each run, flattened, in the order of the map's segments
 * (lines and columns zero-based; source index -1 for code that maps to no source).
 */
export interface SourceRuns {
  /** The sources, as the map names them with its `sourceRoot` prepended (relative to the bundle, or URLs). */
  readonly sources: readonly string[];
  readonly starts: readonly number[];
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE64.length; i++) BASE64_VALUES[BASE64.charCodeAt(i)] = i;

/**
 * The run starts (see {@link SourceRuns}) of a source map's `mappings`: one pass that reads only the generated
 * column and the source index of each segment. `undefined` for mappings that are not base64 VLQ.
 */
export function sourceRunStarts(mappings: string): number[] | undefined {
  const starts: number[] = [];
  let line = 0;
  let column = 0;
  let source = 0;
  let last = Number.NaN;
  let field = 0;
  let value = 0;
  let shift = 0;
  for (let i = 0; i <= mappings.length; i++) {
    const code = i === mappings.length ? 59 : mappings.charCodeAt(i);
    if (code === 59 /* ; */ || code === 44 /* , */) {
      // A segment of one field maps its column to no source (esbuild writes none).
      if (field > 0) {
        const mapped = field >= 4 ? source : -1;
        if (mapped !== last) starts.push(line, column, mapped);
        last = mapped;
      }
      field = 0;
      if (code === 59) {
        line++;
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
  return starts;
}

/**
 * The source index of the code at a generated position (zero-based line and column): that of the last segment at or
 * before it, as `SourceMap.findEntry` finds it; `undefined` before the first segment or where no source maps.
 */
export function sourceIndexAt(starts: readonly number[], line: number, column: number): number | undefined {
  for (let i = starts.length - 3; i >= 0; i -= 3) {
    const startLine = starts[i] ?? 0;
    if (startLine < line || (startLine === line && (starts[i + 1] ?? 0) <= column)) {
      const source = starts[i + 2] ?? -1;
      return source < 0 ? undefined : source;
    }
  }
  return undefined;
}

/**
 * The comment line a bundler adds to a bundle, before its `//# sourceMappingURL=` line, for `defineStage` to name its
 * caller's module from (the runtime reads it back with `bundleSourceRuns`); `undefined` when the map's `mappings`
 * are not base64 VLQ.
 * @example
 * ```ts
 * import { bundleSourcesComment } from '@sluice/runtime';
 *
 * const comment = bundleSourcesComment({ sources: ['../../stages/a.ts'], mappings: 'AAAA;AACA' });
 * // '//# sluiceSources={"sources":["../../stages/a.ts"],"starts":[0,0,0]}'
 * ```
 */
export function bundleSourcesComment(map: {
  readonly sources: readonly string[];
  readonly sourceRoot?: string;
  readonly mappings: string;
}): string | undefined {
  const starts = sourceRunStarts(map.mappings);
  if (starts === undefined) return undefined;
  const sources = map.sources.map((source) => `${map.sourceRoot ?? ''}${source}`);
  // JSON escapes every line break, so the comment stays one line whatever the file names hold.
  return `${SOURCES_COMMENT}${JSON.stringify({ sources, starts } satisfies SourceRuns)}`;
}

/**
 * The source runs of a bundle's text: from its {@link bundleSourcesComment} line, else (a bundle written without one)
 * decoded from its inline source map, unless `inlineMap` is `false`. `undefined` when it has neither.
 */
export function bundleSourceRuns(text: string, { inlineMap = true } = {}): SourceRuns | undefined {
  const at = text.lastIndexOf(`\n${SOURCES_COMMENT}`);
  if (at >= 0) {
    const end = text.indexOf('\n', at + 1);
    const runs = JSON.parse(text.slice(at + 1 + SOURCES_COMMENT.length, end < 0 ? undefined : end)) as SourceRuns;
    if (Array.isArray(runs.sources) && Array.isArray(runs.starts)) return runs;
  }
  if (!inlineMap) return undefined;
  const inline = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(
    text,
  );
  if (inline?.[1] === undefined) return undefined;
  const payload = JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8')) as {
    sources?: unknown;
    sourceRoot?: unknown;
    mappings?: unknown;
  };
  const starts = typeof payload.mappings === 'string' ? sourceRunStarts(payload.mappings) : undefined;
  if (!Array.isArray(payload.sources) || starts === undefined) return undefined;
  const sourceRoot = typeof payload.sourceRoot === 'string' ? payload.sourceRoot : '';
  return { sources: payload.sources.map((source) => `${sourceRoot}${String(source)}`), starts };
}
