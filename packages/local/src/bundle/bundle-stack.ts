import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inlineSourceMap } from './inline-source-map.js';

/** A frame's location: a file (an absolute path or a `file:` URL, any query dropped), line and column. */
const LOCATION = /((?:file:\/\/)?(?:\/|[A-Za-z]:[\\/])[^\s()]*?)(?:\?[^\s():]*)?:(\d+):(\d+)/g;

/** A bundle's source map, and the prefix of its sources (`SourceMap` does not apply a map's `sourceRoot`). */
interface BundleMap {
  readonly map: SourceMap;
  readonly sourceRoot: string;
}

/** The source maps of bundles already read, by bundle file (`null`: it has none). */
const maps = new Map<string, BundleMap | null>();

function mapOf(bundle: string): BundleMap | undefined {
  const known = maps.get(bundle);
  if (known !== undefined) return known ?? undefined;
  let map: BundleMap | null = null;
  try {
    const inline = inlineSourceMap(readFileSync(bundle, 'utf8'));
    if (inline !== undefined) map = { map: new SourceMap(inline.map), sourceRoot: inline.map.sourceRoot ?? '' };
  } catch {
    // A bundle that is gone or unreadable keeps its frames as they are.
  }
  maps.set(bundle, map);
  return map ?? undefined;
}

/**
 * A stack trace with every frame in one of `bundles` (files {@link bundleModule} wrote) mapped through the bundle's
 * inline source map to the user's file, line and column, as Node prints it with source maps on. The CLI imports
 * bundles with source maps off (Node would read each bundle's map as it loads it, milliseconds on every command) and
 * maps a stack only when it shows one.
 * @example
 * ```ts
 * import { bundleModule, mapBundleFrames } from '@sluice/local/bundle';
 *
 * const { file } = await bundleModule('pipeline.ts');
 * try {
 *   await import(pathToFileURL(file).href);
 * } catch (error) {
 *   if (error instanceof Error && error.stack !== undefined) error.stack = mapBundleFrames(error.stack, [file]);
 *   throw error;
 * }
 * ```
 */
export function mapBundleFrames(stack: string, bundles: Iterable<string>): string {
  const files = new Set(bundles);
  return stack.replace(LOCATION, (whole, location: string, line: string, column: string) => {
    const bundle = location.startsWith('file:') ? fileURLToPath(location) : location;
    if (!files.has(bundle)) return whole;
    const found = mapOf(bundle);
    const entry = found?.map.findEntry(Number(line) - 1, Number(column) - 1) as
      | { originalSource?: string; originalLine?: number; originalColumn?: number }
      | undefined;
    if (entry?.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined)
      return whole;
    const original = `${found?.sourceRoot ?? ''}${entry.originalSource}`;
    const source = original.startsWith('file:')
      ? fileURLToPath(original)
      : path.resolve(path.dirname(bundle), original);
    return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}
