import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import vm from 'node:vm';

/**
 * The exports of a vendor script (see `bundleModule`'s `vendor` option): one namespace per vendored module, keyed by
 * the module's absolute path.
 */
export type VendorExports = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** A vendor script's code as the bundler writes it: a function expression taking these parameters, in order. */
export const VENDOR_SCRIPT_PARAMETERS = ['exports', 'require', 'module', '__sluiceImport'] as const;

const loaded = new Map<string, VendorExports>();

/**
 * Runs a vendor script once per process and returns its exports; later calls with the same file return the same
 * namespaces, so every importer shares one instance of each vendored module.
 *
 * The script is compiled with the V8 code cache kept beside it (`<file>.code-cache`), which V8 checks against the
 * source and its own version and flags. A cache that is missing, damaged (see {@link readCodeCache}) or refused by
 * V8 is not used; the script is compiled from source and a new cache is written, atomically, when the process exits
 * (so it holds the functions the run compiled, not only the top level).
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
  const known = loaded.get(file);
  if (known !== undefined) return known;
  // The bundler writes the script in ASCII (esbuild's default charset), so Latin-1 reads it as UTF-8 would, without
  // decoding: a one-byte string straight from the bytes.
  const code = readFileSync(file, 'latin1');
  const cacheFile = `${file}.code-cache`;
  const cachedData = readCodeCache(cacheFile, code.length);
  const script = new vm.Script(code, { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once('exit', () => writeCodeCache(cacheFile, script, code.length));
  }
  const run = script.runInThisContext() as (
    exports: object,
    require: (specifier: string) => unknown,
    module: { exports: object },
    importer: (specifier: string) => Promise<unknown>,
  ) => void;
  const module = { exports: {} as Record<string, unknown> };
  const require = (specifier: string): unknown => {
    const external = externals[specifier];
    if (external !== undefined) return external;
    if (specifier.startsWith('node:') || !specifier.includes(':')) {
      const builtin = process.getBuiltinModule(specifier);
      if (builtin !== undefined) return builtin;
    }
    throw new Error(`${file}: the vendor script requires ${specifier}, which its importer did not provide`);
  };
  run(module.exports, require, module, (specifier) => import(specifier));
  const exports = (module.exports.default ?? module.exports) as VendorExports;
  loaded.set(file, exports);
  return exports;
}

/** `SLUICEV8`, the payload's length and the source's length, then the payload twice. */
const MAGIC = Buffer.from('SLUICEV8');
const HEADER = MAGIC.length + 8;

/**
 * The V8 code cache of a source of `sourceLength` characters, or `undefined` when there is none or it is damaged.
 * V8 checks a cache's version, flags and source length, but not its payload outside debug builds: a damaged payload
 * crashes the process. So the payload is stored twice and the copies compared. A checksum would do the same, but
 * loading `node:zlib` or `node:crypto`, or hashing in JavaScript before the JIT warms up, costs 6–10 ms of start-up;
 * comparing the copies costs microseconds.
 */
export function readCodeCache(cacheFile: string, sourceLength: number): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (data.length <= HEADER || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const length = data.readUInt32LE(MAGIC.length);
  if (data.readUInt32LE(MAGIC.length + 4) !== sourceLength || data.length !== HEADER + 2 * length) return undefined;
  const payload = data.subarray(HEADER, HEADER + length);
  return payload.equals(data.subarray(HEADER + length)) ? payload : undefined;
}

function writeCodeCache(cacheFile: string, script: vm.Script, sourceLength: number): void {
  try {
    const payload = script.createCachedData();
    const header = Buffer.alloc(HEADER);
    MAGIC.copy(header);
    header.writeUInt32LE(payload.length, MAGIC.length);
    header.writeUInt32LE(sourceLength, MAGIC.length + 4);
    const temp = `${cacheFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(temp, Buffer.concat([header, payload, payload]));
    renameSync(temp, cacheFile);
  } catch {
    // The cache only saves time: a cache directory that cannot be written leaves the next run compiling from source.
  }
}
