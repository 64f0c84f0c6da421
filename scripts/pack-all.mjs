#!/usr/bin/env node
// Packs every public package (packages/*) into one folder, as a registry would serve them: `pnpm pack` replaces
// `workspace:*` with the packages' versions. Run after `pnpm build` (`pnpm pack:all` does both).
//   node scripts/pack-all.mjs [--out DIR]   (default: packs/ at the repository root)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The public packages of the workspace: `{ name, version, dir }`, in directory order. */
export function publicPackages(repoRoot = root) {
  const dir = path.join(repoRoot, 'packages');
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => path.join(dir, name))
    .filter((d) => fs.existsSync(path.join(d, 'package.json')))
    .map((d) => ({ dir: d, ...JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')) }))
    .filter((p) => p.private !== true)
    .map((p) => ({ name: p.name, version: p.version, dir: p.dir }));
}

/** The tarball file name `pnpm pack` gives a package: `@sluice/sdk@0.1.0` → `sluice-sdk-0.1.0.tgz`. */
export function tarballName(name, version) {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}

/** Packs every public package into `outDir` (created; older tarballs of these packages removed); returns the paths. */
export function packAll(outDir, repoRoot = root) {
  fs.mkdirSync(outDir, { recursive: true });
  const prefixes = publicPackages(repoRoot).map((p) => tarballName(p.name, '').replace(/\.tgz$/, ''));
  for (const file of fs.readdirSync(outDir)) {
    if (file.endsWith('.tgz') && prefixes.some((p) => file.startsWith(p))) fs.rmSync(path.join(outDir, file));
  }
  return publicPackages(repoRoot).map((p) => {
    if (!fs.existsSync(path.join(p.dir, 'dist'))) {
      throw new Error(`${p.name}: no dist/ in ${path.relative(repoRoot, p.dir)}; run \`pnpm build\` first`);
    }
    execFileSync('pnpm', ['pack', '--pack-destination', outDir], {
      cwd: p.dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const file = path.join(outDir, tarballName(p.name, p.version));
    if (!fs.existsSync(file)) throw new Error(`${p.name}: pnpm pack wrote no ${path.basename(file)}`);
    return file;
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const outDir = path.resolve(at > 0 ? (process.argv[at + 1] ?? '') : path.join(root, 'packs'));
  for (const file of packAll(outDir)) console.log(file);
}
