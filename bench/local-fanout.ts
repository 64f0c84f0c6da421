/**
 * `pnpm bench:local` (second part), or `tsx bench/local-fanout.ts [-- --n 10000 --base 1000]`: a fan-out of N no-op
 * nodes (`withSequence`, an in-process handler) run by the local runner with the CLI's plain progress printer
 * attached, as `workflow run --local` does in a log. Each size runs in a fresh process, so its peak RSS is its own.
 * Prints per size the wall time, ms per node, peak RSS and when the first progress line appeared, and the ratio of
 * the large run's per-node cost to the base run's, with the targets (peak RSS ≤ 500 MiB at 10,000 nodes,
 * per-node cost ≤ 1.5 × that at 1,000, first progress line within 2 s).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchArgs } from './stats.js';

const { values } = parseArgs({
  args: benchArgs(),
  options: {
    n: { type: 'string', default: '10000' },
    base: { type: 'string', default: '1000' },
    child: { type: 'string' },
  },
});

interface Measured {
  readonly n: number;
  readonly ms: number;
  readonly firstLineMs: number;
  readonly peakRssMiB: number;
}

async function measure(n: number): Promise<Measured> {
  const { runWorkflow } = await import('../packages/local/src/index.js');
  const { progressView } = await import('../packages/cli/src/ui/progress-view.js');
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-fanout-'));
  const start = performance.now();
  let firstLineMs = Number.NaN;
  const sink = {
    isTTY: false,
    write: (_text: string) => {
      if (Number.isNaN(firstLineMs)) firstLineMs = performance.now() - start;
      return true;
    },
  } as unknown as NodeJS.WriteStream;
  const view = progressView(sink, 'fanout', 'text');
  try {
    const run = await runWorkflow(
      [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Workflow',
          metadata: { name: 'fanout' },
          spec: {
            entrypoint: 'main',
            templates: [
              {
                name: 'main',
                dag: { tasks: [{ name: 'fan', template: 'noop', withSequence: { count: String(n) } }] },
              },
              { name: 'noop', container: { image: 'bench/noop:1.0.0' } },
            ],
          },
        },
      ],
      {
        cwd: dir,
        report: false,
        maxNodes: n + 10,
        handlers: { noop: () => undefined },
        onStatus: (status, changed) => view.update(status, changed),
      },
    );
    view.finish(run.status);
    if (run.status.phase !== 'Succeeded') throw new Error(`n=${n}: ${run.status.phase}: ${run.status.message}`);
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
  return { n, ms: performance.now() - start, firstLineMs, peakRssMiB: peak / 2 ** 20 };
}

if (values.child !== undefined) {
  process.stdout.write(JSON.stringify(await measure(Number(values.child))));
} else {
  const sizes = [Number(values.base), Number(values.n)];
  const results: Measured[] = [];
  for (const n of sizes) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', String(n)], {
      encoding: 'utf8',
      maxBuffer: 2 ** 26,
    });
    results.push(JSON.parse(out) as Measured);
  }
  for (const r of results) {
    console.log(
      `  fan-out ${String(r.n).padStart(6)}: ${r.ms.toFixed(0)} ms, ${(r.ms / r.n).toFixed(3)} ms/node, peak RSS ${r.peakRssMiB.toFixed(0)} MiB, first progress line after ${r.firstLineMs.toFixed(0)} ms`,
    );
  }
  const [base, large] = results as [Measured, Measured];
  const ratio = large.ms / large.n / (base.ms / base.n);
  console.log(
    `  per-node cost at ${large.n} = ${ratio.toFixed(2)} × that at ${base.n} (target ≤ 1.5); peak RSS ${large.peakRssMiB.toFixed(0)} MiB (target ≤ 500); first line ${large.firstLineMs.toFixed(0)} ms (target ≤ 2000)`,
  );
  console.log(
    `local_fanout_bench n=${large.n} ms_per_node=${(large.ms / large.n).toFixed(3)} base_ms_per_node=${(base.ms / base.n).toFixed(3)} ratio=${ratio.toFixed(2)} peak_rss_mib=${large.peakRssMiB.toFixed(0)} first_line_ms=${large.firstLineMs.toFixed(0)}`,
  );
}
