#!/usr/bin/env node
// `pnpm demo`: runs the customer-features pipeline locally, end to end, on synthetic data.
// It prints the run's progress, then the wall time, the peak memory of the whole process tree, and the report.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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
  if (report) {
    console.log(`demo: report at ${path.relative(process.cwd(), report)}`);
    const bound = lowerBound(path.dirname(report));
    if (bound) {
      console.log(
        `demo: workflow ${(bound.wallMs / 1000).toFixed(1)} s; in-process lower bound ${(bound.boundMs / 1000).toFixed(1)} s ` +
          `(the stages' own work ${(bound.workMs / 1000).toFixed(1)} s over ${bound.stages} stage processes / parallelism ${bound.parallelism}): ` +
          `${(bound.wallMs / bound.boundMs).toFixed(2)} × (target ≤ 3)`,
      );
    }
  }
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

/**
 * The run's wall time (status.json) against its in-process lower bound: the sum of the stages' own work, as each
 * stage logs it (`ms` of its `stage succeeded` / `stage failed` line), divided by the parallelism it ran with.
 */
function lowerBound(runDir) {
  try {
    const status = JSON.parse(fs.readFileSync(path.join(runDir, 'status.json'), 'utf8'));
    const wallMs = Date.parse(status.finishedAt) - Date.parse(status.startedAt);
    let workMs = 0;
    let stages = 0;
    for (const log of fs.readdirSync(path.join(runDir, 'logs'))) {
      for (const line of fs.readFileSync(path.join(runDir, 'logs', log), 'utf8').split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line);
        if ((entry.msg === 'stage succeeded' || entry.msg === 'stage failed') && typeof entry.ms === 'number') {
          workMs += entry.ms;
          stages++;
        }
      }
    }
    const given = process.argv.indexOf('--max-parallel');
    const parallelism = given > 0 ? Number(process.argv[given + 1]) : os.availableParallelism();
    return { wallMs, workMs, stages, parallelism, boundMs: workMs / parallelism };
  } catch {
    return undefined;
  }
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
