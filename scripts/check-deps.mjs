#!/usr/bin/env node
// Fails when a package imports (or depends on) a workspace package it may not, per DESIGN.md.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Which workspace packages each package may import. */
export const allowed = {
  'argo-types': [],
  runtime: [],
  data: ['runtime'],
  sdk: ['argo-types', 'runtime'],
  local: ['sdk', 'argo-types', 'runtime', 'data'],
  client: ['argo-types'],
  cli: ['argo-types', 'sdk', 'runtime', 'data', 'local', 'client'],
};

const importRe = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"]@sluice\/([\w-]+)/g;

function sources(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.(ts|mts|cts|js|mjs|cjs)$/.test(e.name) ? [full] : [];
  });
}

/**
 * The source with its block comments blanked (newlines kept, so line numbers hold): a TSDoc `@example` shows a
 * user's code, whose imports are not the package's own.
 */
function withoutBlockComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
}

/** Every forbidden dependency or import under `root`, as `file:line: message` lines. */
export function findProblems(root) {
  const problems = [];
  for (const [name, may] of Object.entries(allowed)) {
    const dir = path.join(root, 'packages', name);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      const m = /^@sluice\/(.+)$/.exec(dep);
      if (m && !may.includes(m[1]))
        problems.push(`packages/${name}/package.json: depends on ${dep}, which @sluice/${name} may not use`);
    }
    for (const file of [...sources(path.join(dir, 'src')), ...sources(path.join(dir, 'bin'))]) {
      const text = withoutBlockComments(fs.readFileSync(file, 'utf8'));
      for (const match of text.matchAll(importRe)) {
        const target = match[1];
        if (target === name || may.includes(target)) continue;
        const line = text.slice(0, match.index).split('\n').length;
        problems.push(
          `${path.relative(root, file)}:${line}: imports @sluice/${target}, which @sluice/${name} may not import (allowed: ${may.length ? may.map((m) => `@sluice/${m}`).join(', ') : 'none of ours'})`,
        );
      }
    }
  }

  return problems;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const problems = isMain ? findProblems(defaultRoot) : [];
if (problems.length) {
  console.error(
    `check:deps: ${problems.length} forbidden dependenc${problems.length === 1 ? 'y' : 'ies'}:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
if (isMain)
  console.log(`check:deps: ${Object.keys(allowed).length} packages follow the dependency direction in DESIGN.md`);
