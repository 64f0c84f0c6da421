// Whole-process timings of the `workflow` command (run `pnpm --filter @sluice/cli... build` first):
//   - node's own start (`node -e ""`) against `workflow --version`: the command's start-up overhead;
//   - `workflow lint` over the upstream Argo examples (ARGO_CORPUS, default ../shared/argo/examples).
//   - `workflow compile` of a small entry (examples/argo/hello-world.ts) and of a pipeline whose stages import the
//     data stack (examples/customer-features/pipeline.ts), against `workflow --version` (targets 1.5x and 2x).
// Prints the best and the median of --runs runs (default 10):
//   cli node_start_ms=.. version_ms=.. overhead_ms=.. lint_ms=.. lint_files=..
//   cli_compile hello_ms=.. hello_ratio=.. pipeline_ms=.. pipeline_ratio=..
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'packages/cli/bin/workflow.js');
const corpus = path.resolve(root, process.env.ARGO_CORPUS ?? '../shared/argo/examples');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '10' } } });
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

/** Runs a command `runs` times (after one warm-up) and returns the best and median wall times in ms. */
function time(args: string[], expectCode = 0): { best: number; median: number } {
  const once = () => {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== expectCode) {
      throw new Error(
        `${args.join(' ')} exited ${result.status}: ${result.stderr.toString()}${result.stdout.toString().slice(0, 2000)}`,
      );
    }
    return ms;
  };
  once();
  const samples = Array.from({ length: runs }, once).sort((a, b) => a - b);
  return { best: samples[0] ?? 0, median: samples[Math.floor(samples.length / 2)] ?? 0 };
}

const node = time(['-e', '']);
const version = time([bin, '--version']);
// The corpus holds one file that Argo's strict reading refuses (k8s-patch-json-workflow.yaml repeats a key), so the
// lint of the whole corpus exits 1 by design; the conformance suite checks the findings themselves.
const lint = time([bin, 'lint', corpus, '-o', 'simple'], 1);
const hello = time([bin, 'compile', 'examples/argo/hello-world.ts']);
const pipeline = time([bin, 'compile', 'examples/customer-features/pipeline.ts']);
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
