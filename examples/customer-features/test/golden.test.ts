import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argoVersions, loadArgoSchema } from '@sluice/argo-types';
import { emitYaml } from '@sluice/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
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
  for (const version of argoVersions) files.set(`argo-versions/${version}.yaml`, differencesFromNewest(version));
  return files;
}

/** Every leaf where two JSON values differ, as `path → [newest, target]` (absent is `null`). */
function leafDifferences(newest: unknown, target: unknown, at: string, out: Record<string, unknown>): void {
  if (JSON.stringify(newest) === JSON.stringify(target)) return;
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(newest) && isObject(target)) {
    const a = newest as Record<string, unknown>;
    const b = target as Record<string, unknown>;
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) leafDifferences(a[k], b[k], `${at}.${k}`, out);
    return;
  }
  if (Array.isArray(newest) && Array.isArray(target) && newest.length === target.length) {
    for (const [i, v] of newest.entries()) leafDifferences(v, target[i], `${at}[${i}]`, out);
    return;
  }
  out[at.slice(1)] = { newest: newest ?? null, target: target ?? null };
}

/**
 * What compiling customer-features for an Argo release changes against the newest release: the golden record that
 * a pipeline compiled for 3.5 and for 4.1 differs only where the releases differ.
 */
function differencesFromNewest(target: (typeof argoVersions)[number]): string {
  const newest = customerFeatures.toObjects({ executionDate: '2026-06-17' });
  const compiled = customerFeatures.toObjects({ executionDate: '2026-06-17', argoVersion: target });
  const byObject: Record<string, Record<string, unknown>> = {};
  compiled.forEach((object, i) => {
    const changes: Record<string, unknown> = {};
    leafDifferences(newest[i], object, '', changes);
    if (Object.keys(changes).length > 0) byObject[`${object.kind}/${object.metadata?.name}`] = changes;
  });
  return emitYaml({ argoVersion: target, comparedWith: '4.1', differences: byObject });
}

beforeAll(async () => {
  for (const v of argoVersions) await loadArgoSchema(v);
});

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
