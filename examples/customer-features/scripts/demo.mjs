#!/usr/bin/env node
// `pnpm demo`: runs the customer-features pipeline locally, end to end, on synthetic data.
// It prints the run's progress, then the wall time, the peak memory of the whole process tree, and the report.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const exampleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(exampleDir, '../..');
const executionDate = process.env.DEMO_EXECUTION_DATE ?? '2026-06-17';

const args = [
  path.join(repoRoot, 'packages/cli/bin/workflow.js'),
  'run',
  'pipeline.ts',
  '--local',
  '-p',
  `execution-date=${executionDate}`,
  '-p',
  'lake-root=.sluice/lake',
  '-p',
  'store-root=.sluice/feature-store',
  ...process.argv.slice(2),
];
const bin = [path.join(exampleDir, 'node_modules/.bin'), path.join(repoRoot, 'node_modules/.bin')];
const env = { ...process.env, PATH: [...bin, process.env.PATH].join(path.delimiter) };

console.log(
  `demo: customer-features, execution date ${executionDate}, in ${path.relative(process.cwd(), exampleDir) || '.'}`,
);
const started = performance.now();
const child = spawn(process.execPath, args, { cwd: exampleDir, env, stdio: 'inherit' });
let peakBytes = 0;
const sampler = setInterval(() => {
  peakBytes = Math.max(peakBytes, treeRss(child.pid));
}, 250);

child.on('exit', (code, signal) => {
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\ndemo: finished in ${seconds.toFixed(1)} s; peak memory of the process tree ${(peakBytes / 2 ** 20).toFixed(0)} MiB`,
  );
  const report = latestReport(path.join(exampleDir, '.sluice/runs'));
  if (report) console.log(`demo: report at ${path.relative(process.cwd(), report)}`);
  process.exitCode = code ?? (signal ? 1 : 0);
});

/** Resident memory of a process and all its descendants, read from /proc (0 where /proc is unavailable). */
function treeRss(root) {
  if (root === undefined || !fs.existsSync('/proc')) return 0;
  const parents = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  for (const pid of parents.keys()) {
    let p = pid;
    while (p !== undefined && p !== root && p > 1) p = parents.get(p);
    if (p !== root) continue;
    try {
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += rss ? Number(rss[1]) * 1024 : 0;
    } catch {
      // gone
    }
  }
  return total;
}

function latestReport(runsDir) {
  if (!fs.existsSync(runsDir)) return undefined;
  const runs = fs
    .readdirSync(runsDir)
    .map((name) => path.join(runsDir, name, 'report.html'))
    .filter((file) => fs.existsSync(file))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return runs[0];
}
