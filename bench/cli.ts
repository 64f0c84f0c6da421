// Whole-process timings of the `workflow` command (run `pnpm --filter @sluice/cli... build` first):
//   - node's own start (`node -e ""`) against `workflow --version`: the command's start-up overhead;
//   - `workflow lint` over the upstream Argo examples (ARGO_CORPUS, default ../shared/argo/examples).
//   - `workflow compile` of a small entry (examples/argo/hello-world.ts) and of a pipeline whose stages import the
//     data stack (examples/customer-features/pipeline.ts), against `workflow --version` (targets 1.5x and 2x).
// Prints the best and the median of --runs runs (default 10) of each, the commands' runs interleaved:
//   cli node_start_ms=.. version_ms=.. overhead_ms=.. lint_ms=.. lint_files=..
//   cli_compile hello_ms=.. hello_ratio=.. pipeline_ms=.. pipeline_ratio=..
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchArgs } from './stats.js';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'packages/cli/bin/workflow.js');
const corpus = path.resolve(root, process.env.ARGO_CORPUS ?? '../shared/argo/examples');
const { values } = parseArgs({ args: benchArgs(), options: { runs: { type: 'string', default: '10' } } });
const runs = Math.max(1, Number.parseInt(values.runs ?? '10', 10));

if (!fs.existsSync(path.join(root, 'packages/cli/dist/index.js'))) {
  console.error('bench/cli: the CLI is not built; run `pnpm --filter @sluice/cli... build` first');
  process.exit(1);
}

function countFiles(dir: string): number {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .reduce(
      (n, e) => n + (e.isDirectory() ? countFiles(path.join(dir, e.name)) : /\.(ya?ml|json)$/.test(e.name) ? 1 : 0),
      0,
    );
}

/** One run of `node <args>`: its wall time in ms (throws unless it exits with `expectCode`). */
function once(args: string[], expectCode: number): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== expectCode) {
    throw new Error(
      `${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}${result.stdout.toString().slice(0, 2000)}`,
    );
  }
  return ms;
}

/**
 * Runs every command `runs` times, interleaved (one run of each in turn, after one warm-up run of each), so that a
 * change in the machine's load hits every command alike; returns each one's best and median wall times in ms.
 */
function timeInterleaved<K extends string>(commands: Record<K, { args: string[]; expectCode?: number }>) {
  const keys = Object.keys(commands) as K[];
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (const k of keys) once(commands[k].args, commands[k].expectCode ?? 0);
  for (let run = 0; run < runs; run++)
    for (const k of keys) samples[k].push(once(commands[k].args, commands[k].expectCode ?? 0));
  return Object.fromEntries(
    keys.map((k) => {
      const sorted = samples[k].sort((a, b) => a - b);
      return [k, { best: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0 }];
    }),
  ) as Record<K, { best: number; median: number }>;
}

const { node, version, lint, hello, pipeline } = timeInterleaved({
  node: { args: ['-e', ''] },
  version: { args: [bin, '--version'] },
  // The corpus holds one file that Argo's strict reading refuses (k8s-patch-json-workflow.yaml repeats a key), so
  // the lint of the whole corpus exits 1 by design; the conformance suite checks the findings themselves.
  lint: { args: [bin, 'lint', corpus, '-o', 'simple'], expectCode: 1 },
  hello: { args: [bin, 'compile', 'examples/argo/hello-world.ts'] },
  pipeline: { args: [bin, 'compile', 'examples/customer-features/pipeline.ts'] },
});
const f = (n: number) => n.toFixed(1);
console.log(
  `cli node_start_ms=${f(node.best)} version_ms=${f(version.best)} overhead_ms=${f(version.best - node.best)} lint_ms=${f(lint.best)} lint_files=${countFiles(corpus)}`,
);
console.log(
  `cli (median of ${runs}) node_start_ms=${f(node.median)} version_ms=${f(version.median)} overhead_ms=${f(version.median - node.median)} lint_ms=${f(lint.median)}`,
);
for (const [label, pick] of [
  ['best', (t: { best: number }) => t.best],
  [`median of ${runs}`, (t: { median: number }) => t.median],
] as const) {
  const v = pick(version);
  console.log(
    `cli_compile (${label}) version_ms=${f(v)} hello_ms=${f(pick(hello))} hello_ratio=${(pick(hello) / v).toFixed(2)} (target ≤ 1.5) pipeline_ms=${f(pick(pipeline))} pipeline_ratio=${(pick(pipeline) / v).toFixed(2)} (target ≤ 2)`,
  );
}
