import { runCachedCommonJs } from '@sluice/sdk/cached-script';

/**
 * The exports of a vendor script (see `bundleModule`'s `vendor` option): one namespace per vendored module, keyed by
 * the module's absolute path.
 */
export type VendorExports = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * Runs a vendor script once per process and returns its exports; later calls with the same file return the same
 * namespaces, so every importer shares one instance of each vendored module. The script is compiled with the V8 code
 * cache kept beside it (see `runCachedCommonJs` of `@sluice/sdk/cached-script`).
 *
 * @param file - Absolute path of the vendor script.
 * @param externals - The namespaces of the modules the script imports but does not contain, keyed as the script
 *   names them (absolute `file:` URLs); the importer imported them as ES modules, so they are shared with it.
 * @example
 * ```ts
 * import * as runtime from '@sluice/runtime';
 * const vendored = loadVendorScript('/project/.sluice/cache/vendor-0123456789abcdef.cjs', {
 *   [import.meta.resolve('@sluice/runtime')]: runtime,
 * });
 * ```
 */
export function loadVendorScript(file: string, externals: Readonly<Record<string, object>>): VendorExports {
  const exports = runCachedCommonJs(file, externals);
  return (exports.default ?? exports) as VendorExports;
}
