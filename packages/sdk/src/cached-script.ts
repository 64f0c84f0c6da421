import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Running a CommonJS file with a V8 code cache kept beside it. Node 20 keeps no compiled code between runs, neither
 * for ES modules nor for CommonJS, so a command that imports a large package compiles it again on every start. The
 * SDK's own ES module entry runs its CommonJS build through {@link runCachedCommonJs} (its top level and the functions
 * a compile calls then come out of the cache, not the parser), and so do the vendor scripts of `@sluice/local`.
 */

/**
 * The parameters a script is run with, in order: Node's CommonJS wrapper's, then `__sluiceImport`, which a bundler
 * may call in place of `import()` (a script run outside Node's module loaders cannot use `import()` itself). It is
 * given absolute `file:` URLs.
 */
export const SCRIPT_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname', '__sluiceImport'] as const;

/** The exports of scripts already run, by file: a script runs once per process, as a module would. */
const loaded = new Map<string, Record<string, unknown>>();

/**
 * Runs a CommonJS file once per process and returns its `module.exports`; later calls with the same file return the
 * same exports, so every importer shares one instance.
 *
 * The file is compiled with the V8 code cache kept beside it (`<file>.code-cache`), which V8 checks against the
 * source and its own version and flags. A cache that is missing, damaged (see {@link readCodeCache}) or refused by
 * V8 is not used: the file is compiled from source, and a new cache is written, atomically, when the process exits,
 * so that it holds the functions the run compiled, not only the top level. A directory that cannot be written
 * leaves the file compiled from source on every run, as Node would.
 *
 * @param file - Absolute path of the CommonJS file.
 * @param provided - Modules the file requires that the caller hands in, by the specifier the file requires them with
 *   (ES module namespaces the caller imported, so they are the instances the rest of the process shares). Node's
 *   built-in modules are served as well; any other `require` is resolved from the file, as Node would.
 * @example
 * ```ts
 * import * as argoTypes from '@sluice/argo-types';
 * import { runCachedCommonJs } from '@sluice/sdk/cached-script';
 *
 * const sdk = runCachedCommonJs('/app/node_modules/@sluice/sdk/dist/index.cjs', { '@sluice/argo-types': argoTypes });
 * ```
 */
export function runCachedCommonJs(
  file: string,
  provided: Readonly<Record<string, object>> = {},
): Record<string, unknown> {
  const known = loaded.get(file);
  if (known !== undefined) return known;
  const code = wrappedSource(file);
  const cacheFile = `${file}.code-cache`;
  const cachedData = readCodeCache(cacheFile, code.length);
  const script = new vm.Script(code, { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
  if (cachedData === undefined || script.cachedDataRejected === true) {
    process.once('exit', () => writeCodeCache(cacheFile, script, code.length));
  }
  let fallback: NodeJS.Require | undefined;
  const require = (specifier: string): unknown => {
    const given = provided[specifier];
    if (given !== undefined) return given;
    if (specifier.startsWith('node:') || !specifier.includes(':')) {
      const builtin = process.getBuiltinModule(specifier);
      if (builtin !== undefined) return builtin;
    }
    // Made on first use only: `createRequire` starts Node's CommonJS loader, which costs milliseconds.
    fallback ??= createRequire(file);
    return fallback(specifier);
  };
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, require, module, file, path.dirname(file), (specifier: string) => import(specifier));
  loaded.set(file, module.exports);
  return module.exports;
}

const WRAPPER_START = `(function (${SCRIPT_PARAMETERS.join(', ')}) {`;
const WRAPPER_END = '\n})';

/**
 * The file's source inside the function wrapper, made as one string: read into a buffer between the wrapper's two
 * parts, and decoded once (as Latin-1 when it is ASCII, the common case: no decoding at all). Joining strings would
 * make V8 copy the whole source again when it compiles it, and every copy of a large script is fresh memory.
 */
function wrappedSource(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.allocUnsafe(WRAPPER_START.length + size + WRAPPER_END.length);
    bytes.write(WRAPPER_START, 0, 'latin1');
    let read = 0;
    while (read < size) {
      const n = readSync(fd, bytes, WRAPPER_START.length + read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const end = WRAPPER_START.length + read;
    bytes.write(WRAPPER_END, end, 'latin1');
    const whole = bytes.subarray(0, end + WRAPPER_END.length);
    return whole.toString(isAscii(whole) ? 'latin1' : 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** `SLUICEV8`, the payload's length and the source's length, then the payload twice. */
const MAGIC = Buffer.from('SLUICEV8');
const HEADER = MAGIC.length + 8;

/**
 * The V8 code cache of a source of `sourceLength` characters, or `undefined` when there is none or it is damaged.
 * V8 checks a cache's version, flags and source length, but not its payload outside debug builds: a damaged payload
 * crashes the process. So the payload is stored twice and the copies compared. A checksum would do the same, but
 * computing one in JavaScript before the JIT warms up costs milliseconds; comparing the copies costs microseconds.
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
    // The cache only saves time: a directory that cannot be written leaves the next run compiling from source.
  }
}
