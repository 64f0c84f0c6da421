import { stat } from 'node:fs/promises';

/** Whether a file or directory exists (any error reading it counts as missing). */
export async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
