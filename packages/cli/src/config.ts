import fs from 'node:fs/promises';
import path from 'node:path';
import { decodeUtf8, parseJsonText, type SluiceConfig, SluiceConfigError, validateConfig } from '@sluice/sdk';
import { UsageError } from './command.js';
import { importEntry } from './load-entry.js';

/** The names a configuration file may have, in the order they are looked for within one directory. */
export const CONFIG_FILES: readonly string[] = [
  'sluice.config.ts',
  'sluice.config.js',
  'sluice.config.mjs',
  'sluice.config.json',
];

/** A configuration and the file it came from. */
export interface LoadedConfig {
  /** The file, relative to the working directory (as printed in messages). */
  readonly file: string;
  /** The checked configuration. */
  readonly config: SluiceConfig;
}

async function isFile(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isFile() === true;
}

/**
 * The nearest configuration file: the first of {@link CONFIG_FILES} in `start` (a directory, or a file's
 * directory), else in its parent, and so on up to the root of the file system.
 */
export async function findConfig(start: string): Promise<string | undefined> {
  const stat = await fs.stat(start).catch(() => undefined);
  let dir = stat?.isDirectory() === true ? start : path.dirname(start);
  for (;;) {
    for (const name of CONFIG_FILES) {
      const candidate = path.join(dir, name);
      if (await isFile(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The default export of an imported module, unwrapping the `{ default }` a CommonJS-compiled `.ts` file adds. */
function defaultExport(exports: Record<string, unknown>): unknown {
  const value = exports.default;
  if (typeof value === 'object' && value !== null && '__esModule' in value && 'default' in value) {
    return (value as { default: unknown }).default;
  }
  return value;
}

/**
 * Loads and checks one configuration file: `.json` is parsed, `.ts` is imported through tsx (no build step), `.js`
 * and `.mjs` are imported; the default export is the configuration.
 *
 * @throws {UsageError} naming the file when it cannot be read or is not a valid configuration.
 */
export async function loadConfig(file: string, cwd: string): Promise<LoadedConfig> {
  const full = path.resolve(cwd, file);
  const shown = path.relative(cwd, full) || file;
  if (!(await isFile(full))) throw new UsageError(`${shown}: no such configuration file`);
  let value: unknown;
  try {
    if (full.endsWith('.json')) value = parseJsonText(decodeUtf8(await fs.readFile(full), shown), shown);
    else {
      const exports = await importEntry(full, cwd);
      if (!('default' in exports)) {
        throw new UsageError(`${shown}: has no default export; write \`export default defineConfig({ lint: {} })\``);
      }
      value = defaultExport(exports);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${shown}: cannot load: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return { file: shown, config: validateConfig(value, shown) };
  } catch (error) {
    if (error instanceof SluiceConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * The configuration for a command run over `paths`: the `--config` file when given, else the nearest
 * configuration above the first path, else the nearest above the working directory; `undefined` when there is none.
 */
export async function resolveConfig(
  explicit: string | undefined,
  paths: readonly string[],
  cwd: string,
): Promise<LoadedConfig | undefined> {
  if (explicit !== undefined) return loadConfig(explicit, cwd);
  const starts = [...paths.slice(0, 1).map((p) => path.resolve(cwd, p)), cwd];
  for (const start of starts) {
    const found = await findConfig(start);
    if (found !== undefined) return loadConfig(found, cwd);
  }
  return undefined;
}
