/**
 * `pnpm bench:local [-- --n 1000 --parallel <cores>]`: runs an N-node DAG of no-op stages with the local runner,
 *   1. in process (a template handler), and
 *   2. as child processes (`node -e 0` per node, through an image mapping),
 * against the floor of spawning `node -e 0` N times with the same parallelism (measured before and after, the faster
 * kept). Prints ms per task, the ratio of
 * child-process runs to the floor, and the peak memory, with the targets (≤ 2 ms/task in process,
 * ≤ 1.2 × the spawn floor).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runWorkflow } from '../packages/local/src/index.js';
import { benchArgs } from './stats.js';

const { values } = parseArgs({
  args: benchArgs(),
  options: {
    n: { type: 'string', default: '1000' },
    parallel: { type: 'string' },
    width: { type: 'string', default: '100' },
  },
});
const n = Math.max(1, Number.parseInt(values.n ?? '1000', 10));
const parallel = Math.max(1, Number.parseInt(values.parallel ?? String(os.availableParallelism()), 10));
const width = Math.max(1, Math.min(n, Number.parseInt(values.width ?? '100', 10)));
const image = 'bench/noop:1.0.0';

/** N tasks in layers of `width`; each task depends on the task above it, so the DAG has real edges. */
function benchWorkflow(): unknown {
  const tasks = Array.from({ length: n }, (_, i) => ({
    name: `t${i}`,
    template: 'noop',
    ...(i >= width ? { depends: `t${i - width}` } : {}),
  }));
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: { name: `bench-local-${n}` },
    spec: {
      entrypoint: 'main',
      templates: [
        { name: 'main', dag: { tasks } },
        { name: 'noop', container: { image } },
      ],
    },
  };
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);

async function timeRun(label: string, options: Parameters<typeof runWorkflow>[1]): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-local-'));
  try {
    const start = performance.now();
    const run = await runWorkflow([benchWorkflow()], { cwd: dir, maxParallel: parallel, ...options });
    const ms = performance.now() - start;
    if (run.status.phase !== 'Succeeded')
      throw new Error(`${label}: the run ${run.status.phase}: ${run.status.message}`);
    return ms;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Spawns `node -e 0` n times, `parallel` at once: the floor any child-process runner pays. */
async function spawnFloor(): Promise<number> {
  const start = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`node -e 0 exited ${code}`))));
      });
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return performance.now() - start;
}

const inProcess = await timeRun('in-process', { handlers: { noop: () => undefined } });
// The floor is measured before and after the child-process run and the faster one kept: on a shared machine
// this is the conservative comparison (it can only make the ratio worse).
const floorBefore = await spawnFloor();
const childProcess = await timeRun('child-process', { imageMap: { [image]: `${process.execPath} -e 0` } });
const floorAfter = await spawnFloor();
const floor = Math.min(floorBefore, floorAfter);
clearInterval(sampler);

const perTask = (ms: number) => (ms / n).toFixed(3);
const ratio = childProcess / floor;
console.log(`local n=${n} parallel=${parallel} width=${width}`);
console.log(`  in-process:     ${inProcess.toFixed(0)} ms total, ${perTask(inProcess)} ms/task (target ≤ 2)`);
console.log(`  child process:  ${childProcess.toFixed(0)} ms total, ${perTask(childProcess)} ms/task`);
console.log(
  `  spawn floor:    ${floor.toFixed(0)} ms total, ${perTask(floor)} ms/task (node -e 0, same parallelism; best of ${floorBefore.toFixed(0)} before and ${floorAfter.toFixed(0)} after)`,
);
console.log(`  ratio:          ${ratio.toFixed(2)} × the floor (target ≤ 1.2)`);
console.log(`  peak RSS:       ${(peakRss / 2 ** 20).toFixed(0)} MiB`);
console.log(
  `local_bench n=${n} in_process_ms_per_task=${perTask(inProcess)} child_ms_per_task=${perTask(childProcess)} floor_ms_per_task=${perTask(floor)} ratio=${ratio.toFixed(2)}`,
);
