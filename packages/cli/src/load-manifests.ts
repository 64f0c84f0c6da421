import fs from 'node:fs/promises';
import path from 'node:path';
import { decodeUtf8, inputLimits, isPipeline, ManifestParseError, parseYamlDocuments } from '@sluice/sdk';
import { UsageError } from './command.js';
import { type CompileTarget, compilableExports, EntryLoadError, importEntry, manifestsOf } from './load-entry.js';
import { missingStageModules } from './stage-modules.js';

/** A manifest read from a file or produced by a TypeScript entry. */
export interface LoadedManifest {
  /** The path as the user gave it (relative to the working directory), used in reports. */
  readonly source: string;
  /** The manifest. */
  readonly doc: unknown;
  /** True when it was compiled from a `pipeline()` an entry exports (the linter then applies the policy rules). */
  readonly fromPipeline?: boolean;
}

/** A file that could not be read or parsed. */
export interface LoadProblem {
  /** The file. */
  readonly source: string;
  /** What went wrong, with the line where known. */
  readonly message: string;
  /** The stack of an error a TypeScript entry threw while loading (shown with `--verbose` or `SLUICE_DEBUG=1`). */
  readonly stack?: string;
  /** The entry compiles, but what it compiles to cannot run (a stage's module is missing): bad input, exit 2. */
  readonly unbuildable?: boolean;
}

/** Writes the stacks of the problems to `stderr` when `--verbose` or `SLUICE_DEBUG=1` asks for them. */
export function writeProblemStacks(
  problems: readonly LoadProblem[],
  verbose: boolean | undefined,
  io: { readonly stderr: NodeJS.WritableStream; readonly env: NodeJS.ProcessEnv },
): void {
  if (verbose !== true && io.env.SLUICE_DEBUG !== '1') return;
  for (const p of problems) if (p.stack !== undefined) io.stderr.write(`${p.source}: ${p.stack}\n`);
}

/** Everything read from the given paths. */
export interface LoadedManifests {
  /** The manifests, in path order then document order. */
  readonly manifests: LoadedManifest[];
  /** Every file read. */
  readonly files: string[];
  /** Files that could not be parsed or imported. */
  readonly problems: LoadProblem[];
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const ENTRY_FILE = /\.[cm]?[jt]sx?$/i;

async function walk(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...(await walk(full)));
    else if (MANIFEST_FILE.test(e.name)) found.push(full);
  }
  return found;
}

/** The TypeScript and JavaScript entries directly in a directory, test files aside (what `compile <dir>` compiles). */
async function directEntries(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && isEntryFile(e.name) && !/\.(test|spec)\.[cm]?[jt]sx?$/.test(e.name))
    .map((e) => path.join(dir, e.name))
    .sort();
}

/** True for a TypeScript or JavaScript entry (a declaration file is not one). */
export function isEntryFile(file: string): boolean {
  return ENTRY_FILE.test(file) && !/\.d\.[cm]?ts$/i.test(file);
}

/**
 * The manifests a TypeScript entry exports: its default export first, then every compilable named export.
 * With `required` (the default) an entry that exports nothing compilable is a usage error; otherwise it gives none.
 */
export async function loadEntry(
  file: string,
  cwd: string,
  required = true,
  target: CompileTarget = {},
): Promise<unknown[]> {
  return (await loadEntryManifests(file, cwd, required, target)).map((m) => m.doc);
}

/** {@link loadEntry}, with each manifest marked when it comes from an exported `pipeline()`. */
async function loadEntryManifests(
  file: string,
  cwd: string,
  required = true,
  target: CompileTarget = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ doc: unknown; fromPipeline: boolean }[]> {
  const exports = await importEntry(file, cwd, env);
  const found = compilableExports(exports);
  if (found.length === 0 && required) {
    throw new UsageError(
      `${file}: exports nothing to compile; export a workflow object (with toObject()) or a pipeline (with toManifests()), e.g. \`export default workflow(...)\``,
    );
  }
  return found.flatMap(({ value }) =>
    manifestsOf(value, target).map((doc) => ({ doc, fromPipeline: isPipeline(value) })),
  );
}

/** A file's bytes; a symbolic link loop is named as one (Node reports it as ELOOP, not as a missing file). */
async function readManifestBytes(file: string, source: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP')
      throw new Error(`${source}: a symbolic link loop (a link that points back to itself): fix or remove the link`);
    throw error;
  }
}

/**
 * Reads manifests from files (`.yaml`, `.yml`, `.json`), directories (recursively, those extensions) and
 * TypeScript entries (`.ts`, loaded without a build step, compiled for `compileTarget`'s Argo release), the way
 * `argo lint` collects its inputs.
 *
 * Every file is held to the input limits (`SLUICE_MAX_INPUT_*` in `env`).
 *
 * @throws {UsageError} when a path does not exist.
 */
export async function loadManifests(
  paths: readonly string[],
  cwd: string,
  compileTarget: CompileTarget = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<LoadedManifests> {
  const limits = inputLimits(env);
  const manifests: LoadedManifest[] = [];
  const files: string[] = [];
  const problems: LoadProblem[] = [];
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    const stat = await fs.stat(full).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ELOOP')
        throw new UsageError(
          `${given}: a symbolic link loop (a link that points back to itself): fix or remove the link`,
        );
      return undefined;
    });
    if (stat === undefined) throw new UsageError(`${given}: no such file or directory`);
    // A directory: its manifests (recursively) and, as `compile <dir>` does, the entries directly inside it.
    const targets = stat.isDirectory() ? [...(await directEntries(full)), ...(await walk(full))] : [full];
    for (const target of targets) {
      const source = path.relative(cwd, target) || given;
      files.push(source);
      try {
        if (isEntryFile(target)) {
          // An entry found in a directory may be a helper module exporting nothing to compile: it is skipped.
          const loaded = await loadEntryManifests(target, cwd, target === full, compileTarget, env);
          for (const { doc, fromPipeline } of loaded) {
            manifests.push(fromPipeline ? { source, doc, fromPipeline } : { source, doc });
          }
          const pipelineDocs = loaded.filter((m) => m.fromPipeline).map((m) => m.doc);
          for (const message of missingStageModules(target, pipelineDocs)) {
            problems.push({ source, message, unbuildable: true });
          }
        } else {
          const text = decodeUtf8(await readManifestBytes(target, source), source, limits);
          for (const doc of parseYamlDocuments(text, source, { limits })) manifests.push({ source, doc });
        }
      } catch (error) {
        if (error instanceof UsageError) throw error;
        if (error instanceof ManifestParseError) {
          problems.push({
            source,
            message: `${error.line === undefined ? '' : `line ${error.line}: `}${error.reason}`,
          });
        } else if (error instanceof EntryLoadError) {
          const where = error.where(cwd);
          const message = `cannot load: ${error.message}${where === undefined ? '' : ` (at ${where})`}`;
          const stack = error.thrown instanceof Error ? error.thrown.stack : undefined;
          problems.push(stack === undefined ? { source, message } : { source, message, stack });
        } else {
          problems.push({ source, message: `cannot load: ${error instanceof Error ? error.message : String(error)}` });
        }
      }
    }
  }
  return { manifests, files, problems };
}
