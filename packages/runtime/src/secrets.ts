import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FatalError } from './errors.js';
import type { Redactor } from './logger.js';

const segment = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/**
 * Creates `ctx.secret(name, key)`: reads `<dir>/<name>/<key>`, the file a Kubernetes Secret volume mounts
 * read-only, and registers the value for redaction. Secrets never come from environment variables.
 * The value is returned exactly as stored (a trailing newline included).
 */
export function createSecretReader(dir: string, redactor: Redactor): (name: string, key: string) => Promise<string> {
  return async (name, key) => {
    for (const [what, value] of [
      ['name', name],
      ['key', key],
    ] as const) {
      if (typeof value !== 'string' || !segment.test(value) || value.includes('..'))
        throw new FatalError(
          `ctx.secret: ${what} "${String(value)}" is invalid: use letters, digits, '.', '_' or '-' (a Kubernetes Secret name or key)`,
        );
    }
    const file = join(dir, name, key);
    let value: string;
    try {
      value = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new FatalError(
        `ctx.secret: secret "${name}" key "${key}" is not mounted at ${file} (${code ?? 'unreadable'}): mount the Secret read-only under SLUICE_SECRETS_DIR=${dir} (on a cluster: the stage's \`secrets\` option; locally: point SLUICE_SECRETS_DIR at a directory holding ${name}/${key})`,
      );
    }
    redactor.add(value);
    return value;
  };
}
