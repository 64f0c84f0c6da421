import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes a file atomically: the content goes to a temporary file beside the target, which is then renamed over it,
 * so a reader never sees half a file and a failed write leaves the old one in place. Parent folders are created.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  // Taken here, not imported at the top: `compile` to stdout must not pay for loading `node:crypto` at start-up.
  const { randomBytes } = process.getBuiltinModule('node:crypto');
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, content, { encoding: 'utf8', mode: 0o644 });
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}
