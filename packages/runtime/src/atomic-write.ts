import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

// node:crypto is taken on first use, not imported: importing a stage module for its definition must not load it.

/** Fsyncs a directory so a rename inside it survives a crash. Some filesystems refuse; that is not an error. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Directories cannot be fsynced on every filesystem; the rename is still atomic.
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` to `file` atomically: a temporary file beside it, fsync, rename over the target, fsync of the
 * directory. A reader (or a process restarted after a crash) sees the old content or the new, never a mix.
 * @example
 * ```ts
 * import { writeFileAtomic } from '@sluice/runtime';
 *
 * await writeFileAtomic('/tmp/sluice/outputs/row-count', '42');
 * ```
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = join(
    dir,
    `.${basename(file)}.${process.pid}.${process.getBuiltinModule('node:crypto').randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(dir);
}
