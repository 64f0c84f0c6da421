import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Entries of `dir`, or `undefined` when it does not exist. Anything else there (a file) is an error. */
export async function directoryEntries(dir: string): Promise<string[] | undefined> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw new Error(`${dir} is a file, not a directory`);
    throw error;
  }
}

/**
 * Writes a project into `dir` all at once: the files go to a temporary directory beside it, which then becomes
 * `dir` by a rename (or, into an existing directory, each top-level entry is renamed into place). An interrupted
 * init leaves no half-written project behind.
 */
export async function writeProject(dir: string, files: ReadonlyMap<string, string | Buffer>): Promise<void> {
  const parent = path.dirname(dir);
  await fs.mkdir(parent, { recursive: true });
  const staging = path.join(parent, `.${path.basename(dir)}.init-${randomBytes(6).toString('hex')}`);
  try {
    for (const [rel, content] of files) {
      const file = path.join(staging, ...rel.split('/'));
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, content, { mode: 0o644 });
    }
    const existing = await directoryEntries(dir);
    if (existing === undefined) {
      await fs.rename(staging, dir);
      return;
    }
    for (const entry of await fs.readdir(staging)) {
      await fs.rm(path.join(dir, entry), { recursive: true, force: true });
      await fs.rename(path.join(staging, entry), path.join(dir, entry));
    }
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}
