import { createReadStream } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PART_FILE } from './dataset.js';
import { nodeCrypto } from './node-crypto.js';

/**
 * The content hash of a partition directory: SHA-256 over each data file's name, size and bytes, in name order.
 * The same rows written the same way give the same hash, so it serves as the dataset version in lineage.
 * Symbolic links are resolved first, so the hash is the one of the version a reader would see.
 * @example
 * ```ts
 * import { partitionContentHash, partitionDir } from '@sluice/data';
 *
 * const features = { root: '/data/lake', name: 'customer_features' };
 * await partitionContentHash(partitionDir(features, '2026-06-17')); // 'sha256:5f1c…'
 * ```
 */
export async function partitionContentHash(dir: string): Promise<string> {
  const resolved = await realpath(dir);
  const names = (await readdir(resolved)).filter((n) => PART_FILE.test(n)).sort();
  const hash = nodeCrypto().createHash('sha256');
  for (const name of names) {
    const path = join(resolved, name);
    const { size } = await stat(path);
    hash.update(`${name}\0${size}\0`);
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  }
  return `sha256:${hash.digest('hex')}`;
}
