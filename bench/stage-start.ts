/**
 * `pnpm bench:stage-start`: how fast a stage process starts. A no-op stage importing `@sluice/runtime` is started
 * the way `workflow run --local` starts it (its module bundled once, then `node --enable-source-maps <bundle>`) and
 * the way it used to be (`node --import tsx stage.ts`), each timed from spawn to its first log line, against a bare
 * `node -e 0` spawned in the same loop. Runs are interleaved and the median of `--runs` (default 15) is printed:
 *   stage_start runs=15 node_ms=.. bundled_ms=.. ratio=.. (target ≤ 2) tsx_ms=..
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleModule } from '../packages/local/src/bundle/bundle-module.ts';
import { benchArgs } from './stats.js';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ args: benchArgs(), options: { runs: { type: 'string', default: '15' } } });
const runs = Math.max(3, Number.parseInt(values.runs ?? '15', 10));

// A project inside the repository, so that `@sluice/runtime` resolves from its node_modules as in a user's project.
const project = path.join(root, '.sluice/bench/stage-start');
fs.mkdirSync(path.join(project, 'stages'), { recursive: true });
fs.writeFileSync(path.join(project, 'package.json'), '{ "type": "module", "private": true }\n');
const stage = path.join(project, 'stages/noop.ts');
fs.writeFileSync(
  stage,
  "import { defineStage } from '@sluice/runtime';\n\nexport default defineStage({ name: 'noop', run() {} });\n",
);
const scratch = fs.mkdtempSync(path.join(project, 'run-'));
const env = {
  PATH: process.env.PATH ?? '',
  SLUICE_OUTPUTS_DIR: path.join(scratch, 'outputs'),
  SLUICE_CHECKPOINT_DIR: path.join(scratch, 'checkpoints'),
  SLUICE_SCRATCH_DIR: path.join(scratch, 'scratch'),
  SLUICE_METRICS_FILE: path.join(scratch, 'metrics.prom'),
  SLUICE_TERMINATION_LOG: path.join(scratch, 'termination-log'),
};
const args = ['--param', 'execution-date=2026-06-17'];

/**
 * Milliseconds from spawn to the first line on stderr or stdout (the stage's JSON log), or to exit. It resolves once
 * the process has exited, so no sample overlaps the next and the scratch directory is free at the end.
 */
function firstLine(argv: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, argv, { cwd: project, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let first: number | undefined;
    const mark = () => {
      first ??= performance.now() - started;
    };
    child.stderr.once('data', mark);
    child.stdout.once('data', mark);
    child.on('error', reject);
    child.on('exit', (code) => {
      mark();
      if (code !== 0) reject(new Error(`${argv.join(' ')} exited ${code}`));
      else resolve(first ?? 0);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const { file: bundle } = await bundleModule(stage);
const samples = { node: [] as number[], bundled: [] as number[], tsx: [] as number[] };
// One uncounted round warms the file cache.
await firstLine(['-e', '0']);
await firstLine(['--enable-source-maps', bundle, ...args]);
for (let i = 0; i < runs; i++) {
  samples.node.push(await firstLine(['-e', '0']));
  samples.bundled.push(await firstLine(['--enable-source-maps', bundle, ...args]));
  samples.tsx.push(await firstLine(['--import', 'tsx', stage, ...args]));
}
fs.rmSync(scratch, { recursive: true, force: true });
const node = median(samples.node);
const bundled = median(samples.bundled);
const tsx = median(samples.tsx);
console.log(
  `stage_start runs=${runs} node_ms=${node.toFixed(1)} bundled_ms=${bundled.toFixed(1)} ratio=${(bundled / node).toFixed(2)} (target ≤ 2) tsx_ms=${tsx.toFixed(1)} tsx_ratio=${(tsx / node).toFixed(2)}`,
);
