import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitYaml } from '@sluice/sdk';
import { describe, expect, it } from 'vitest';
import customerFeatures from '../pipeline.js';

const goldenDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');
const update = process.env.SLUICE_UPDATE_GOLDEN === '1';

/** What the golden directory holds: every compiled object, and the Kustomize tree under deploy/. */
function expectedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const object of customerFeatures.toObjects({ executionDate: '2026-06-17' })) {
    const kind = object.kind.replace(/[A-Z]/g, (c, i: number) => `${i === 0 ? '' : '-'}${c.toLowerCase()}`);
    files.set(`objects/${kind}-${object.metadata?.name}.yaml`, emitYaml(object));
  }
  for (const file of customerFeatures.toKustomize()) files.set(`deploy/${file.path}`, file.content);
  return files;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? listFiles(join(dir, e.name), `${prefix}${e.name}/`) : Promise.resolve([`${prefix}${e.name}`]),
    ),
  );
  return nested.flat();
}

async function writeAtomic(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}

describe('golden compiled output of customer-features', () => {
  it('matches golden/ (regenerate with `pnpm --filter @sluice/example-customer-features golden`)', async () => {
    const expected = expectedFiles();
    const present = (await listFiles(goldenDir)).filter((f) => f.endsWith('.yaml'));
    if (update) {
      for (const stale of present.filter((f) => !expected.has(f))) await rm(join(goldenDir, stale));
      for (const [path, content] of expected) await writeAtomic(join(goldenDir, path), content);
    }
    const actual = new Map<string, string>();
    for (const path of (await listFiles(goldenDir)).filter((f) => f.endsWith('.yaml'))) {
      actual.set(path, await readFile(join(goldenDir, path), 'utf8'));
    }
    expect([...actual.keys()].sort(), 'golden file set').toEqual([...expected.keys()].sort());
    for (const [path, content] of expected) expect(actual.get(path), `golden/${path}`).toBe(content);
  });

  it('compiles deterministically', () => {
    expect([...expectedFiles()]).toEqual([...expectedFiles()]);
  });
});
