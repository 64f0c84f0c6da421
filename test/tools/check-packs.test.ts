import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without declarations
import { packageOf, undeclaredImports } from '../../scripts/check-packs.mjs';
// @ts-expect-error plain JavaScript module without declarations
import { publicPackages, tarballName } from '../../scripts/pack-all.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function distWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-packs-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('check-packs: imports of the built JavaScript against the declared dependencies', () => {
  it('reports a devDependency imported at run time, with the file that imports it', () => {
    const dir = distWith({
      'index.js': 'import { z } from "zod";\nimport fs from "node:fs";\nimport path from "path";\n',
      'chunk/lazy.cjs': 'const y = require("yaml/dist");\nconst t = await import("@scope/tool/sub");\n',
    });
    expect(undeclaredImports(dir, new Set(['zod'])).sort()).toEqual([
      '@scope/tool (imported by chunk/lazy.cjs)',
      'yaml (imported by chunk/lazy.cjs)',
    ]);
  });

  it('ignores relative imports, built-ins and words in strings that are not module specifiers', () => {
    const dir = distWith({
      'index.js': [
        'import a from "./a.js";',
        'const m = `copy from $' + '{values.from} to`;',
        'import "node:test";',
      ].join('\n'),
    });
    expect(undeclaredImports(dir, new Set())).toEqual([]);
  });

  it('names the package of a deep or scoped specifier', () => {
    expect(packageOf('@duckdb/node-api/lib/x')).toBe('@duckdb/node-api');
    expect(packageOf('tsx/esm/api')).toBe('tsx');
  });
});

describe('pack-all: the packages it packs', () => {
  it('packs every public package of packages/ and names tarballs as pnpm pack does', () => {
    const names = publicPackages().map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['@sluice/sdk', '@sluice/cli', '@sluice/data', '@sluice/runtime']));
    expect(names.every((n: string) => !n.startsWith('@sluice/example-'))).toBe(true);
    expect(tarballName('@sluice/argo-types', '1.2.3')).toBe('sluice-argo-types-1.2.3.tgz');
  });
});

describe('package metadata for provenance', () => {
  it('every public package names the one repository and its own folder in it', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const urls = new Set<string>();
    for (const { dir } of publicPackages() as { dir: string }[]) {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      expect(manifest.repository?.type, dir).toBe('git');
      expect(manifest.repository?.directory, dir).toBe(path.relative(root, dir).split(path.sep).join('/'));
      expect(manifest.publishConfig?.provenance, dir).toBe(true);
      urls.add(manifest.repository?.url);
    }
    expect([...urls]).toEqual([expect.stringMatching(/^git\+https:\/\/\S+\.git$/)]);
  });
});
