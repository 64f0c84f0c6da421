/**
 * `pnpm bench:compile -- --n <N>`: builds the benchmark DAG of N tasks with the @sluice/sdk builders and writes it
 * as YAML, in process; prints `sluice N=<N> build_ms=<..> yaml_ms=<..> total_ms=<..> cpu_ms=<..>`, the best of 3
 * timed runs (by wall time; `cpu_ms` is that run's CPU time, which other processes on a busy machine disturb less).
 * Before them, `--warmup <k>` uncounted runs (default 10) of min(N, 1000) tasks let V8 optimise the build and emit
 * code, as it has in any process that compiles more than one workflow (capped at 1000 tasks: that is enough calls to
 * optimise every function, and larger warm-up workflows would only leave garbage for the timed runs' collector);
 * `--warmup 0` measures a cold process instead.
 * `--out <file>` also writes the YAML (atomically); `--calibrate` also prints (on stderr) how long `JSON.stringify`
 * of the same object takes, to judge the machine's load.
 */
import fs from 'node:fs';
import path from 'node:path';
import { after, container, dag, type TaskHandle, workflow } from '../packages/sdk/src/index.js';

/** The benchmark workflow of issue 3, item 9, with `n` tasks. */
export function buildBenchWorkflow(n: number) {
  const steps = Array.from({ length: n }, (_, i) =>
    container({
      name: `step-${i}`,
      inputs: { parameters: { shard: {} } },
      container: {
        image: 'python:3.12-slim',
        command: ['python', '-c'],
        args: ["print('{{inputs.parameters.shard}}')"],
        resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
      },
    }),
  );
  const main = dag('main', (d) => {
    const tasks: TaskHandle[] = [];
    steps.forEach((step, i) => {
      const deps = tasks.slice(Math.max(0, i - 2), i);
      tasks.push(
        d.task(`task-${i}`, step, { shard: `shard-${i}` }, deps.length > 0 ? { depends: after(...deps) } : {}),
      );
    });
  });
  return workflow({ generateName: 'hera-bench-dag-' })
    .templates(...steps)
    .entrypoint(main);
}

/** Uncounted runs before the timed ones, unless `--warmup` says otherwise. */
export const DEFAULT_WARMUP_RUNS = 10;

/** The size of a warm-up workflow: N, at most this many tasks. */
export const WARMUP_MAX_TASKS = 1000;

interface BenchArgs {
  /** One size; without it, 1000 and 5000 in one process and the ratio of their times. */
  n: number | undefined;
  warmup: number;
  out: string | undefined;
  calibrate: boolean;
}

function parseArgs(argv: readonly string[]): BenchArgs {
  let n: number | undefined;
  let warmup = DEFAULT_WARMUP_RUNS;
  let out: string | undefined;
  let calibrate = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--n') n = Number(argv[++i]);
    else if (a?.startsWith('--n=')) n = Number(a.slice(4));
    else if (a === '--warmup') warmup = Number(argv[++i]);
    else if (a?.startsWith('--warmup=')) warmup = Number(a.slice(9));
    else if (a === '--out') out = argv[++i];
    else if (a === '--calibrate') calibrate = true;
    else if (a === '--') continue;
    else
      throw new Error(
        `bench:compile: unknown argument ${a}; usage: pnpm bench:compile -- --n <N> [--warmup <runs>] [--out file.yaml] [--calibrate]`,
      );
  }
  if (n !== undefined && (!Number.isInteger(n) || n < 1))
    throw new Error('bench:compile: --n must be a positive integer');
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error('bench:compile: --warmup must be an integer ≥ 0');
  return { n, warmup, out, calibrate };
}

interface Timing {
  build: number;
  yaml: number;
  total: number;
  /** CPU time of the process (every thread: the collector's helpers too) over the whole run. */
  cpu: number;
}

/** The process's CPU time so far, user and system, in ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The best of 3 timed runs of N tasks, after `warmup` uncounted ones; returns the times and the YAML. */
function timeCompile(n: number, warmup: number): { best: Timing; text: string } {
  // Uncounted warm-up runs (see the header): the same work as a timed run, results discarded.
  for (let run = 0; run < warmup; run++) buildBenchWorkflow(Math.min(n, WARMUP_MAX_TASKS)).toYaml();
  let best: Timing = {
    build: Number.POSITIVE_INFINITY,
    yaml: Number.POSITIVE_INFINITY,
    total: Number.POSITIVE_INFINITY,
    cpu: Number.POSITIVE_INFINITY,
  };
  let text = '';
  for (let run = 0; run < 3; run++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    const wf = buildBenchWorkflow(n);
    const t1 = performance.now();
    text = wf.toYaml();
    const t2 = performance.now();
    const cpu = cpuMs() - c0;
    if (t2 - t0 < best.total) best = { build: t1 - t0, yaml: t2 - t1, total: t2 - t0, cpu };
  }
  return { best, text };
}

const f = (x: number) => x.toFixed(2);

function main(): void {
  const { n, warmup, out, calibrate } = parseArgs(process.argv.slice(2));
  const sizes = n === undefined ? [1000, 5000] : [n];
  const results = sizes.map((size) => ({ size, ...timeCompile(size, warmup) }));
  const last = results.at(-1);
  if (out !== undefined && last !== undefined) {
    const tmp = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, last.text);
    fs.renameSync(tmp, out);
  }
  if (calibrate) {
    for (const { size } of results) {
      // The machine's speed right now: JSON.stringify of the same object (about 1.5 ms at N=1000 on an idle machine).
      const obj = buildBenchWorkflow(size).toObject();
      let json = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run++) {
        const t0 = performance.now();
        JSON.stringify(obj);
        json = Math.min(json, performance.now() - t0);
      }
      console.error(`calibration N=${size} json_stringify_ms=${f(json)}`);
    }
  }
  // The required lines: best of 3 timed runs per size, after `warmup` uncounted ones (default 10; stated on stderr).
  console.error(`bench:compile: ${warmup} uncounted warm-up runs of at most ${WARMUP_MAX_TASKS} tasks, then best of 3`);
  for (const { size, best } of results)
    console.log(
      `sluice N=${size} build_ms=${f(best.build)} yaml_ms=${f(best.yaml)} total_ms=${f(best.total)} cpu_ms=${f(best.cpu)}`,
    );
  const [small, large] = results;
  if (small !== undefined && large !== undefined)
    console.log(
      `compile_linearity N=${large.size}/N=${small.size} ratio=${f(large.best.total / small.best.total)} cpu_ratio=${f(large.best.cpu / small.best.cpu)} (target ≤ ${f((large.size / small.size) * 1.1)})`,
    );
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  try {
    main();
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
  }
}
