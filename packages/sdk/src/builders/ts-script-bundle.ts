/**
 * The compile-time half of `tsScript()`: bundles the user's exported function, with everything it imports, behind
 * a small entry that reads the inputs, calls it and writes the outputs. Node-only, and loaded lazily (through
 * `process.getBuiltinModule`), so that importing the SDK stays free of Node built-ins and of esbuild.
 */
import type * as Esbuild from 'esbuild';

/**
 * How a parameter's text is turned into the value the function receives: `string` as is, `number`, `boolean`
 * (`true`/`false`), or `json` (parsed).
 *
 * @example
 * ```ts
 * import type { ScriptValueKind } from '@sluice/sdk';
 *
 * const kind: ScriptValueKind = 'json';
 * ```
 */
export type ScriptValueKind = 'string' | 'number' | 'boolean' | 'json';

/** One input of the entry: the TypeScript key, the environment variable carrying it, and how to decode it. */
export interface EntryInput {
  readonly key: string;
  readonly env: string;
  readonly kind: ScriptValueKind;
}

/** One output of the entry: the key of the returned object and the file Argo reads it from. */
export interface EntryOutput {
  readonly key: string;
  readonly path: string;
}

/** What to bundle. */
export interface ScriptBundleSpec {
  /** The template's name, for messages (and the entry's own error messages). */
  readonly template: string;
  /** Absolute path of the module exporting the function. */
  readonly moduleFile: string;
  /** The export to call. */
  readonly exportName: string;
  readonly inputs: readonly EntryInput[];
  readonly outputs: readonly EntryOutput[];
  /** Largest bundle accepted, in bytes. */
  readonly maxBytes: number;
  /** Minify the bundle (smaller, less readable in the Argo UI). */
  readonly minify: boolean;
}

/**
 * The default size budget of a `tsScript` bundle: 256 KiB.
 *
 * @example
 * ```ts
 * import { DEFAULT_MAX_BUNDLE_BYTES } from '@sluice/sdk';
 *
 * const budget = 2 * DEFAULT_MAX_BUNDLE_BYTES; // for `maxBundleBytes`
 * ```
 */
export const DEFAULT_MAX_BUNDLE_BYTES = 256 * 1024;

/**
 * Runs before the bundle, at its top level. Argo runs the source as `node /argo/staging/script` (CommonJS, where
 * `require` is a parameter of the module function, which this `var` keeps); `workflow run --local` may write it
 * under a `"type": "module"` package, where Node loads an extension-less file as an ES module and `require` is
 * missing: built-ins then come from `process.getBuiltinModule` (Node >= 20.16).
 */
const BANNER =
  'var require = typeof require === "function" ? require : function (id) { return process.getBuiltinModule(id); };';

/** The entry's own code: decode inputs, call, write outputs. Plain JavaScript, bundled with the user's module. */
const ENTRY_BODY = `
function decode(input) {
  const raw = process.env[input.env];
  if (raw === undefined) throw new Error('input "' + input.key + '" is missing (environment variable ' + input.env + ')');
  if (input.kind === 'string') return raw;
  if (input.kind === 'number') {
    const n = raw.trim() === '' ? Number.NaN : Number(raw);
    if (Number.isNaN(n)) throw new Error('input "' + input.key + '" is not a number: ' + JSON.stringify(raw));
    return n;
  }
  if (input.kind === 'boolean') {
    if (raw === 'true' || raw === 'false') return raw === 'true';
    throw new Error('input "' + input.key + '" is not true or false: ' + JSON.stringify(raw));
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new Error('input "' + input.key + '" is not JSON: ' + JSON.stringify(raw.slice(0, 200)));
  }
}

async function main() {
  const args = {};
  for (const input of spec.inputs) args[input.key] = decode(input);
  const result = await run(args);
  if (spec.outputs.length === 0) return;
  if (result === null || typeof result !== 'object') {
    throw new Error('the function returned ' + (result === null ? 'null' : typeof result) + '; it must return an object with ' + spec.outputs.map((o) => o.key).join(', '));
  }
  for (const output of spec.outputs) {
    const value = result[output.key];
    if (value === undefined) throw new Error('the function returned no "' + output.key + '"');
    mkdirSync(dirname(output.path), { recursive: true });
    writeFileSync(output.path, typeof value === 'string' ? value : JSON.stringify(value));
  }
}

main().catch((error) => {
  console.error('tsScript "' + spec.template + '": ' + (error instanceof Error && error.stack ? error.stack : String(error)));
  process.exitCode = 1;
});
`;

/** The entry module: imports the user's export under a fixed local name, then the code above. */
export function entrySource(spec: ScriptBundleSpec, importPath: string): string {
  const data = {
    template: spec.template,
    inputs: spec.inputs.map(({ key, env, kind }) => ({ key, env, kind })),
    outputs: spec.outputs.map(({ key, path }) => ({ key, path })),
  };
  return [
    `import { ${spec.exportName} as run } from ${JSON.stringify(importPath)};`,
    `import { mkdirSync, writeFileSync } from 'node:fs';`,
    `import { dirname } from 'node:path';`,
    `const spec = ${JSON.stringify(data)};`,
    ENTRY_BODY,
  ].join('\n');
}

type NodePath = typeof import('node:path');
type NodeFs = typeof import('node:fs');
type NodeModule = typeof import('node:module');

function builtin<T>(id: string): T {
  const loaded = process.getBuiltinModule(id);
  if (loaded === undefined) throw new Error(`tsScript(): Node's "${id}" is not available`);
  return loaded as T;
}

let esbuildModule: typeof Esbuild | undefined;

/** esbuild, resolved from the SDK's own dependencies (the CommonJS build gets `import.meta.url` from tsup's shim). */
function loadEsbuild(): typeof Esbuild {
  esbuildModule ??= builtin<NodeModule>('node:module').createRequire(import.meta.url)('esbuild') as typeof Esbuild;
  return esbuildModule;
}

/** The nearest directory above `file` holding a `package.json` (the bundle names its inputs relative to it). */
export function projectDirOf(file: string): string {
  const path = builtin<NodePath>('node:path');
  const fs = builtin<NodeFs>('node:fs');
  let dir = path.dirname(file);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.dirname(file);
    dir = parent;
  }
}

/**
 * A bundle over its size budget; the message names the template, the size, the budget and the fix.
 *
 * @example
 * ```ts
 * import { ScriptBundleTooLargeError } from '@sluice/sdk';
 *
 * function explain(error: unknown): string {
 *   return error instanceof ScriptBundleTooLargeError ? `${error.bytes} > ${error.maxBytes} bytes` : String(error);
 * }
 * ```
 */
export class ScriptBundleTooLargeError extends Error {
  override readonly name = 'ScriptBundleTooLargeError';
  /** The bundle's size in bytes. */
  readonly bytes: number;
  /** The budget it exceeded, in bytes. */
  readonly maxBytes: number;

  constructor(message: string, bytes: number, maxBytes: number) {
    super(message);
    this.bytes = bytes;
    this.maxBytes = maxBytes;
  }
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The entry's file name (it is not on disk; esbuild names it in comments and messages). */
const ENTRY_PREFIX = 'tsscript-entry-';

/** The largest inputs of a bundle, for the over-budget message. */
function largestInputs(metafile: Esbuild.Metafile | undefined): string {
  const outputs = Object.values(metafile?.outputs ?? {});
  const parts = Object.entries(outputs[0]?.inputs ?? {})
    .filter(([file]) => !file.includes(ENTRY_PREFIX))
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, 3)
    .map(([file, info]) => `${file} (${kib(info.bytesInOutput)})`);
  return parts.length === 0 ? '' : `; largest inputs: ${parts.join(', ')}`;
}

/**
 * Bundles the entry and the user's module into one script (an IIFE that runs under `node` whether Node loads it as
 * CommonJS or as an ES module). Reproducible: inputs are named relative to the module's project, and esbuild writes
 * no time stamps, so the same sources give the same bytes on any machine.
 *
 * @throws {Error} naming the template and esbuild's located messages when the module does not bundle (a missing
 *   export, an import that does not resolve); {@link ScriptBundleTooLargeError} when over `maxBytes`.
 */
export function bundleScript(spec: ScriptBundleSpec): string {
  const path = builtin<NodePath>('node:path');
  const projectDir = projectDirOf(spec.moduleFile);
  const moduleDir = path.dirname(spec.moduleFile);
  let relative = path.relative(moduleDir, spec.moduleFile).split(path.sep).join('/');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  const esbuild = loadEsbuild();
  let result: Esbuild.BuildResult<{ write: false; metafile: true }>;
  try {
    result = esbuild.buildSync({
      stdin: {
        contents: entrySource(spec, relative),
        resolveDir: moduleDir,
        sourcefile: `${ENTRY_PREFIX}${spec.template}.js`,
        loader: 'js',
      },
      absWorkingDir: projectDir,
      bundle: true,
      platform: 'node',
      format: 'iife',
      target: 'node20',
      treeShaking: true,
      minify: spec.minify,
      legalComments: 'none',
      charset: 'utf8',
      banner: { js: BANNER },
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
  } catch (error) {
    const shown = path.relative(projectDir, spec.moduleFile);
    throw new Error(`tsScript "${spec.template}": ${shown} does not bundle:\n${esbuildMessages(error)}`);
  }
  const text = result.outputFiles[0]?.text ?? '';
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > spec.maxBytes) {
    throw new ScriptBundleTooLargeError(
      `tsScript "${spec.template}": the bundle of ${path.relative(projectDir, spec.moduleFile)} is ${kib(bytes)}, over its budget of ${kib(spec.maxBytes)}${largestInputs(result.metafile)}. ` +
        'Import less into that module (e.g. a narrower entry point of a package), pass `minify: true`, or raise `maxBundleBytes`; ' +
        'Kubernetes refuses objects over about 1 MiB, and the source is in the workflow object.',
      bytes,
      spec.maxBytes,
    );
  }
  const tag = ARGO_TAG.exec(text);
  if (tag !== null) {
    const line = text.slice(0, tag.index).split('\n').length;
    throw new Error(
      `tsScript "${spec.template}": the bundle of ${path.relative(projectDir, spec.moduleFile)} contains ${JSON.stringify(tag[0])} (line ${line} of the bundle), which Argo would replace in the script's source; ` +
        'build that text at run time (e.g. "{" + "{") or pass the value as an input',
    );
  }
  return text;
}

/** A tag Argo resolves in a template's source: an expression or a variable of a known prefix. */
const ARGO_TAG = /\{\{\s*(?:=|(?:inputs|outputs|workflow|steps|tasks|item|pod|node|retries|lastRetry)\b)[^}]*\}\}/;

function esbuildMessages(error: unknown): string {
  const errors = (error as { errors?: Esbuild.Message[] }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return error instanceof Error ? error.message : String(error);
  return errors
    .map((e) => (e.location ? `${e.location.file}:${e.location.line}:${e.location.column + 1}: ${e.text}` : e.text))
    .join('\n');
}
