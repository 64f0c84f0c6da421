#!/usr/bin/env node
// Part of the CLI's build: copies the examples that are templates (those with a template.json) into templates/,
// so an installed `workflow init` has them, and writes templates/tools.json with the tool versions the repository
// pins. The examples stay the one place a template is written; this copy is a build output (not committed).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(cliDir, '..', '..');
const examples = path.join(repo, 'examples');
const out = path.join(cliDir, 'templates');
const skipped = new Set(['node_modules', 'dist', '.sluice', '.turbo', 'deploy']);

const staging = `${out}.tmp-${process.pid}`;
fs.rmSync(staging, { recursive: true, force: true });
fs.mkdirSync(staging, { recursive: true });
const names = [];
for (const entry of fs.readdirSync(examples, { withFileTypes: true })) {
  const dir = path.join(examples, entry.name);
  if (!entry.isDirectory() || !fs.existsSync(path.join(dir, 'template.json'))) continue;
  const { exclude = [] } = JSON.parse(fs.readFileSync(path.join(dir, 'template.json'), 'utf8'));
  const excluded = (rel) =>
    skipped.has(rel.split('/')[0]) || exclude.some((e) => rel === e || rel.startsWith(`${e.replace(/\/$/, '')}/`));
  fs.cpSync(dir, path.join(staging, entry.name), {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(dir, src).split(path.sep).join('/');
      return rel === '' || (!excluded(rel) && path.basename(src) !== 'node_modules');
    },
  });
  names.push(entry.name);
}
const manifest = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));
const tools = Object.fromEntries(
  Object.entries(manifest.devDependencies ?? {}).filter(([, v]) => !String(v).startsWith('workspace:')),
);
const pnpm = String(manifest.packageManager ?? 'pnpm@12.4.2').replace(/^pnpm@/, '');
fs.writeFileSync(path.join(staging, 'tools.json'), `${JSON.stringify({ tools, pnpm }, null, 2)}\n`);
fs.rmSync(out, { recursive: true, force: true });
fs.renameSync(staging, out);
console.log(`templates: ${names.sort().join(', ')}`);
