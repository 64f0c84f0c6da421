import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from './atomic-write.js';
import type { ObjectSchema } from './define-stage.js';
import { FatalError } from './errors.js';
import { toKebabCase } from './names.js';

/** What `run` returned, validated against the `outputs` schema; a violation is a {@link FatalError}. */
export function validateOutputs<O extends ObjectSchema>(
  stageName: string,
  schema: O | undefined,
  returned: unknown,
): z.output<O> {
  // Without an outputs schema there is nothing to write; whatever run returned is ignored, as a schema of no keys would.
  if (schema === undefined) return {} as z.output<O>;
  const result = schema.safeParse(returned ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const path = issue.path.map(String);
      return `${path.length ? `outputs.${path.join('.')}` : 'outputs'}: ${issue.message}`;
    });
    throw new FatalError(`stage ${stageName}: run returned invalid outputs: ${problems.join('; ')}`);
  }
  return result.data;
}

/** The file content of one output: strings as they are, anything else as JSON. */
export function formatOutput(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  return JSON.stringify(value) ?? '';
}

/** Removes the output files of the given kebab-case names (a previous attempt's, before this one runs). */
export async function removeOutputs(dir: string, names: readonly string[]): Promise<void> {
  await Promise.all(names.map((name) => rm(join(dir, name), { force: true })));
}

/**
 * Writes each output to `<dir>/<kebab-case key>` atomically. When any write fails, the files already written are
 * removed again, so a failed stage leaves no output files.
 */
export async function writeOutputs(dir: string, outputs: Readonly<Record<string, unknown>>): Promise<string[]> {
  const written: string[] = [];
  try {
    for (const [key, value] of Object.entries(outputs)) {
      if (value === undefined) continue;
      const file = join(dir, toKebabCase(key));
      await writeFileAtomic(file, formatOutput(value));
      written.push(file);
    }
  } catch (error) {
    await Promise.all(written.map((file) => rm(file, { force: true })));
    throw error;
  }
  return written;
}
