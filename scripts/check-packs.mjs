#!/usr/bin/env node
// Checks the tarballs `pnpm pack:all` wrote, as a registry would serve them:
//  - publint (strict): package.json fields, exports and files that exist in the tarball;
//  - are-the-types-wrong: ESM and CJS type declarations resolve under node16 (from ESM and CJS) and bundler;
//  - runtime dependencies: every bare module the built JavaScript imports is a Node built-in or a declared
//    `dependencies`/`peerDependencies` entry (a devDependency or an undeclared package would fail for users).
//   node scripts/check-packs.mjs [DIR]   (default: packs/ at the repository root)
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const importRe =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']((?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w.@-]+)*)["']/gm;

/** The package a bare specifier names: `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Bare modules imported by the JavaScript under `dir` that are neither built-ins nor in `declared`. */
export function undeclaredImports(dir, declared) {
  const found = new Map();
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(c|m)?js$/.test(e.name)) {
        for (const m of fs.readFileSync(full, 'utf8').matchAll(importRe)) {
          const spec = m[1] ?? '';
          if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0] ?? '')) continue;
          const name = packageOf(spec);
          if (!declared.has(name) && !found.has(name)) found.set(name, path.relative(dir, full));
        }
      }
    }
  };
  walk(dir);
  return [...found].map(([name, file]) => `${name} (imported by ${file})`);
}

/** Every problem found in the tarball `file`, as lines; empty when it is fine. */
export function checkTarball(file) {
  const problems = [];
  const publint = spawnSync(bin('publint'), ['run', file, '--strict'], { encoding: 'utf8' });
  if (publint.status !== 0) problems.push(`publint:\n${publint.stdout}${publint.stderr}`);
  const attw = spawnSync(bin('attw'), [file, '--profile', 'node16', '--format', 'ascii'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (attw.status !== 0) problems.push(`are-the-types-wrong:\n${attw.stdout}${attw.stderr}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sluice-pack-'));
  try {
    execFileSync('tar', ['xzf', file, '-C', dir]);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package', 'package.json'), 'utf8'));
    for (const [field, deps] of Object.entries({ dependencies: manifest.dependencies ?? {} })) {
      for (const [name, range] of Object.entries(deps)) {
        if (String(range).startsWith('workspace:')) problems.push(`${field}.${name}: ${range} was not replaced`);
      }
    }
    const declared = new Set([
      manifest.name,
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    for (const where of ['dist', 'bin']) {
      const d = path.join(dir, 'package', where);
      if (!fs.existsSync(d)) continue;
      for (const p of undeclaredImports(d, declared)) {
        problems.push(`imports ${p}, which is not in dependencies: declare it or stop importing it`);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = path.resolve(process.argv[2] ?? path.join(root, 'packs'));
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.tgz')) : [];
  if (files.length === 0) {
    console.error(`check-packs: no tarballs in ${dir}; run \`pnpm pack:all\` first`);
    process.exit(2);
  }
  let failed = 0;
  for (const name of files.sort()) {
    const problems = checkTarball(path.join(dir, name));
    console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name}`);
    for (const p of problems) console.log(`  - ${p.replaceAll('\n', '\n    ')}`);
    if (problems.length > 0) failed++;
  }
  process.exit(failed === 0 ? 0 : 1);
}
