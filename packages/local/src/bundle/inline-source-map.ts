import type { SourceMapPayload } from 'node:module';

/** The comment line esbuild ends a bundle with when it writes the source map inline. */
const INLINE_MAP = '\n//# sourceMappingURL=data:application/json;base64,';

/**
 * The inline source map at the end of a bundle's text, and where its comment line starts (the line break before it),
 * or `undefined` when the bundle has none.
 */
export function inlineSourceMap(code: string): { readonly at: number; readonly map: SourceMapPayload } | undefined {
  const at = code.lastIndexOf(INLINE_MAP);
  if (at < 0) return undefined;
  const json = Buffer.from(code.slice(at + INLINE_MAP.length).trim(), 'base64').toString('utf8');
  return { at, map: JSON.parse(json) as SourceMapPayload };
}
