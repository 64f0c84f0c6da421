import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from './command.js';

/**
 * Imports a user's TypeScript (or JavaScript) entry without a build step, through tsx, and returns its exports.
 * tsx is imported here, on first use, so commands that never load a `.ts` file do not pay for it.
 */
export async function importEntry(file: string, cwd: string): Promise<Record<string, unknown>> {
  const full = path.resolve(cwd, file);
  try {
    if (/\.[cm]?tsx?$/.test(full)) {
      const { tsImport } = await import('tsx/esm/api');
      return (await tsImport(pathToFileURL(full).href, import.meta.url)) as Record<string, unknown>;
    }
    return (await import(pathToFileURL(full).href)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(full)) {
      throw new UsageError(`${file}: no such file`);
    }
    throw error;
  }
}

/**
 * The exports of an entry that can be compiled to manifests, default export first: any value with a
 * `toManifests()` method (pipelines, several objects) or a `toObject()` method (one workflow object).
 */
export function compilableExports(exports: Record<string, unknown>): { name: string; value: Compilable }[] {
  const names = Object.keys(exports).sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : 0));
  const seen = new Set<unknown>();
  const found: { name: string; value: Compilable }[] = [];
  for (const name of names) {
    const value = exports[name];
    if (seen.has(value) || !isCompilable(value)) continue;
    seen.add(value);
    found.push({ name, value });
  }
  return found;
}

/** What the CLI can compile: the builders of `@sluice/sdk` satisfy it. */
export interface Compilable {
  /** Several manifests (a pipeline and its companions). */
  toManifests?(): readonly unknown[];
  /** One manifest. */
  toObject?(): unknown;
}

function isCompilable(value: unknown): value is Compilable {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Compilable;
  return typeof v.toManifests === 'function' || typeof v.toObject === 'function';
}

/** The manifests of a compilable value. */
export function manifestsOf(value: Compilable): unknown[] {
  if (typeof value.toManifests === 'function') return [...value.toManifests()];
  return [value.toObject?.()];
}
