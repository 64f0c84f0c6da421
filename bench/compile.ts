/**
 * `pnpm bench:compile -- --n <N>`: builds the benchmark DAG of N tasks with the @sluice/sdk builders and writes it
 * as YAML, in process; prints `sluice N=<N> build_ms=<..> yaml_ms=<..> total_ms=<..> cpu_ms=<..>`, each the median
 * of `--runs` timed runs (default 7; `cpu_ms` is the process's CPU time, which other processes on a busy machine
 * disturb less). Without `--n`, N=1000 and N=5000 in one process, their timed runs interleaved (alternating which
 * size goes first in a round), so a change of the machine's load hits both alike, and the ratio of their medians.
 * Before the timed runs, `--warmup <k>` uncounted runs (default 10) of min(N, 1000) tasks let V8 optimise the build
 * and emit code, as it has in any process that compiles more than one workflow, and `--warmup-large <k>` more
 * (default 3) of each size above 1,000 let its young generation grow to the size such a workflow needs (see
 * `DEFAULT_LARGE_WARMUP_RUNS`); `--warmup 0 --warmup-large 0` measures a cold process instead. Before each timed run the event loop idles for `--pause-ms` (default 50): the collector's tasks
 * that the previous run scheduled (incremental marking, sweeping) run there, not inside the next timing; then a
 * young-generation collection empties it of earlier runs' garbage, so that each run pays for the collections its
 * own allocation needs and not for those of the run before it (see `settleHeap`). `--shared-heap` skips that collection:
 * runs then share one young generation, and a collection that the garbage of earlier runs made due lands in whichever
 * run fills it (more often the larger).
 * `--out <file>` also writes the YAML (atomically); `--calibrate` also prints (on stderr) how long `JSON.stringify`
 * of the same object takes, to judge the machine's load. With both sizes it also times the floor of the build
 * (`buildFloorModel`: the same objects kept as plain frozen copies, no builders) the same way, and prints its
 * ratio: what the garbage collector alone makes of a model kept until the end.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { after, container, dag, type TaskHandle, workflow } from '../packages/sdk/src/index.js';
import { freezeCopy } from '../packages/sdk/src/model/freeze.js';
import { median } from './stats.js';

/** The container of every benchmark template, made fresh for each, as a caller's literal would be. */
function benchContainer() {
  return {
    image: 'python:3.12-slim',
    command: ['python', '-c'],
    args: ["print('{{inputs.parameters.shard}}')"],
    resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  };
}

/** The benchmark workflow of issue 3, item 9, with `n` tasks. */
export function buildBenchWorkflow(n: number) {
  const steps = Array.from({ length: n }, (_, i) =>
    container({ name: `step-${i}`, inputs: { parameters: { shard: {} } }, container: benchContainer() }),
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

/**
 * The floor of the build: the same templates and tasks as {@link buildBenchWorkflow}, written as plain Argo objects
 * and kept as frozen copies (the sdk's own `freezeCopy`), with no builders. Its N=5000 ÷ N=1000 ratio is what the machine's garbage collector
 * makes of a model that is kept until the end, whoever builds it.
 */
export function buildFloorModel(n: number): { templates: unknown[]; tasks: { name: string }[] } {
  const templates: unknown[] = [];
  for (let i = 0; i < n; i++) {
    templates.push(
      freezeCopy({ name: `step-${i}`, inputs: { parameters: [{ name: 'shard' }] }, container: benchContainer() }),
    );
  }
  const tasks: { name: string }[] = [];
  for (let i = 0; i < n; i++) {
    const deps = tasks.slice(Math.max(0, i - 2), i).map((t) => t.name);
    const task = {
      name: `task-${i}`,
      template: `step-${i}`,
      arguments: { parameters: [{ name: 'shard', value: `shard-${i}` }] },
      ...(deps.length > 0 ? { depends: deps.join(' && ') } : {}),
    };
    tasks.push(freezeCopy(task));
  }
  return { templates, tasks };
}

/** Uncounted runs before the timed ones, unless `--warmup` says otherwise. */
export const DEFAULT_WARMUP_RUNS = 10;

/** The size of a warm-up workflow: N, at most this many tasks. */
export const WARMUP_MAX_TASKS = 1000;

/**
 * Uncounted runs of each size above {@link WARMUP_MAX_TASKS}, unless `--warmup-large` says otherwise. The first
 * 5,000-task runs of a process grow V8's young generation to its largest size, and the pages it gains are slow the
 * first times they are touched: on the 2-core VM the first four or five such runs took 50–60 ms and the later ones
 * 38–45 ms. A process that compiles large workflows pays that once, not per workflow.
 */
export const DEFAULT_LARGE_WARMUP_RUNS = 3;

/** Timed runs per size, unless `--runs` says otherwise. */
export const DEFAULT_RUNS = 7;

/** The idle pause before each timed run, in ms, unless `--pause-ms` says otherwise. */
export const DEFAULT_PAUSE_MS = 50;

interface BenchArgs {
  /** One size; without it, 1000 and 5000 in one process and the ratio of their times. */
  n: number | undefined;
  warmup: number;
  /** Uncounted runs of each size above WARMUP_MAX_TASKS, after the others. */
  warmupLarge: number;
  runs: number;
  pauseMs: number;
  out: string | undefined;
  calibrate: boolean;
  /** Runs share the heap: no collection before each timed run. */
  sharedHeap: boolean;
}

const USAGE =
  'usage: pnpm bench:compile -- [--n <N>] [--runs <k>] [--warmup <k>] [--warmup-large <k>] [--pause-ms <ms>] [--shared-heap] [--out file.yaml] [--calibrate]';

function parseArgs(argv: readonly string[]): BenchArgs {
  const values = new Map<string, string>();
  let calibrate = false;
  let sharedHeap = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') continue;
    if (a === '--calibrate' || a === '--shared-heap') {
      if (a === '--calibrate') calibrate = true;
      else sharedHeap = true;
      continue;
    }
    const m = /^--(n|runs|warmup|warmup-large|pause-ms|out)(?:=(.*))?$/.exec(a);
    const value = m?.[2] ?? argv[++i];
    if (m?.[1] === undefined || value === undefined) throw new Error(`bench:compile: unknown argument ${a}; ${USAGE}`);
    values.set(m[1], value);
  }
  const count = (key: string, fallback: number, min: number): number => {
    const text = values.get(key);
    const v = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(v) || v < min) throw new Error(`bench:compile: --${key} must be an integer ≥ ${min}`);
    return v;
  };
  const n = values.has('n') ? count('n', 0, 1) : undefined;
  return {
    n,
    warmup: count('warmup', DEFAULT_WARMUP_RUNS, 0),
    warmupLarge: count('warmup-large', DEFAULT_LARGE_WARMUP_RUNS, 0),
    runs: count('runs', DEFAULT_RUNS, 1),
    pauseMs: count('pause-ms', DEFAULT_PAUSE_MS, 0),
    out: values.get('out'),
    calibrate,
    sharedHeap,
  };
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

const idle = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type GcFunction = (options?: { type: 'minor' }) => void;

let gc: GcFunction | undefined;

/**
 * A young-generation collection (a scavenge) by V8's `gc`, exposed on first use (not when a test imports this
 * module) when the process was not started with `--expose-gc`. Not a full one: after a bare `gc()` (a full
 * collection) the next runs took two to three times as long, at both sizes.
 */
function collectYoungGeneration(): void {
  if (gc === undefined) {
    gc = (globalThis as { gc?: GcFunction }).gc;
    if (gc === undefined) {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as GcFunction;
    }
  }
  gc({ type: 'minor' });
}

/**
 * Before a timed run: an idle pause for the collector's scheduled tasks, then (unless the runs share the heap) a
 * young-generation collection. Without it, a run of 5,000 tasks started with whatever the runs before it left in the
 * young generation, and in about half of them the scavenge that garbage made due fell inside the run and copied the
 * run's own half-built model (2–5 ms of a 40 ms run; seen with `--trace-gc`); the same run started on an empty heap
 * needs no collection at all.
 */
async function settleHeap({ pauseMs, sharedHeap }: BenchArgs): Promise<void> {
  await idle(pauseMs);
  if (!sharedHeap) collectYoungGeneration();
}

/** One timed run of N tasks, after {@link settleHeap}; the YAML is dropped unless `keep`. */
async function timedRun(n: number, args: BenchArgs, keep: boolean): Promise<{ timing: Timing; text: string }> {
  await settleHeap(args);
  const c0 = cpuMs();
  const t0 = performance.now();
  const wf = buildBenchWorkflow(n);
  const t1 = performance.now();
  const text = wf.toYaml();
  // The text as a writer would need it: V8 may hand back a rope of pieces, which a write flattens first.
  Buffer.byteLength(text);
  const t2 = performance.now();
  const cpu = cpuMs() - c0;
  return { timing: { build: t1 - t0, yaml: t2 - t1, total: t2 - t0, cpu }, text: keep ? text : '' };
}

/** The median of each field over the timed runs (each field on its own). */
function medianTiming(runs: readonly Timing[]): Timing {
  return {
    build: median(runs.map((r) => r.build)),
    yaml: median(runs.map((r) => r.yaml)),
    total: median(runs.map((r) => r.total)),
    cpu: median(runs.map((r) => r.cpu)),
  };
}

/** The uncounted runs before the timed ones: `warmup` of min(smallest N, 1000), then `warmupLarge` of each larger N. */
function warmUp(sizes: readonly number[], { warmup, warmupLarge }: BenchArgs, run: (size: number) => void): void {
  const small = Math.min(Math.min(...sizes), WARMUP_MAX_TASKS);
  for (let i = 0; i < warmup; i++) run(small);
  for (const size of sizes) if (size > WARMUP_MAX_TASKS) for (let i = 0; i < warmupLarge; i++) run(size);
}

/**
 * Times each size `runs` times, after the warm-up runs (see {@link warmUp}). The sizes take turns within a round, the
 * first of the round alternating, so neither always follows the other.
 */
async function timeSizes(
  sizes: readonly number[],
  args: BenchArgs,
): Promise<{ size: number; median: Timing; text: string }[]> {
  const { runs, out } = args;
  warmUp(sizes, args, (size) => buildBenchWorkflow(size).toYaml());
  const texts = sizes.map(() => '');
  const timings = await interleaved(sizes, runs, async (size, i, round) => {
    const { timing, text } = await timedRun(size, args, out !== undefined && round === runs - 1);
    if (text !== '') texts[i] = text;
    return timing;
  });
  return sizes.map((size, i) => ({ size, median: medianTiming(timings[i] ?? []), text: texts[i] ?? '' }));
}

/**
 * Runs `run` for each size in `runs` rounds and returns what it gave, per size. The sizes take turns within a round,
 * the first of the round alternating, so neither always follows the other.
 */
async function interleaved<T>(
  sizes: readonly number[],
  runs: number,
  run: (size: number, index: number, round: number) => Promise<T>,
): Promise<T[][]> {
  const results = sizes.map(() => [] as T[]);
  for (let round = 0; round < runs; round++) {
    const order = sizes.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) results[i]?.push(await run(sizes[i] as number, i, round));
  }
  return results;
}

/** The median time of {@link buildFloorModel} per size, warmed up and interleaved as the timed runs are. */
async function timeFloor(sizes: readonly number[], args: BenchArgs): Promise<number[]> {
  warmUp(sizes, args, (size) => void buildFloorModel(size));
  const times = await interleaved(sizes, args.runs, async (size) => {
    await settleHeap(args);
    const t0 = performance.now();
    buildFloorModel(size);
    return performance.now() - t0;
  });
  return times.map((t) => median(t));
}

const f = (x: number) => x.toFixed(2);

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { n, warmup, warmupLarge, runs, pauseMs, out, calibrate, sharedHeap } = args;
  const results = await timeSizes(n === undefined ? [1000, 5000] : [n], args);
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
  console.error(
    `bench:compile: ${warmup} uncounted warm-up runs of at most ${WARMUP_MAX_TASKS} tasks and ${warmupLarge} of each larger size, then the median of ${runs} timed runs per size (interleaved), each after ${pauseMs} ms idle${sharedHeap ? ' (runs share the heap: no collection between them)' : ' and a young-generation collection'}`,
  );
  for (const { size, median: m } of results)
    console.log(
      `sluice N=${size} build_ms=${f(m.build)} yaml_ms=${f(m.yaml)} total_ms=${f(m.total)} cpu_ms=${f(m.cpu)}`,
    );
  const [small, large] = results;
  if (small !== undefined && large !== undefined) {
    console.log(
      `compile_linearity N=${large.size}/N=${small.size} ratio=${f(large.median.total / small.median.total)} cpu_ratio=${f(large.median.cpu / small.median.cpu)} build_ratio=${f(large.median.build / small.median.build)} yaml_ratio=${f(large.median.yaml / small.median.yaml)} (target ≤ ${f((large.size / small.size) * 1.1)})`,
    );
    const floor = await timeFloor([small.size, large.size], args);
    console.log(
      `compile_floor (plain frozen copies, no builders) N=${small.size} ${f(floor[0] ?? 0)} ms N=${large.size} ${f(floor[1] ?? 0)} ms build_ratio=${f((floor[1] ?? 0) / (floor[0] ?? 1))}`,
    );
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 2;
  });
}
