/**
 * Part of `pnpm bench:local`: container start overhead per step. Runs a workflow of K sequential steps that each
 * run `true` in a FROM-scratch busybox image with `--engine podman`, and K bare `podman run --rm … true` with the
 * same flags; prints the median per step of each and their ratio (the target: ≤ 1.5×). Skipped, saying
 * why, when podman or a static busybox is missing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { discoverEngine, runWorkflow } from '../packages/local/src/index.js';
import {
  busyboxImage,
  containerSkipReason,
  ensureBusyboxImage,
} from '../packages/local/test/containers/support/engine.js';
import { benchArgs, median } from './stats.js';

const { values } = parseArgs({ args: benchArgs(), options: { steps: { type: 'string', default: '10' } } });
const k = Math.max(1, Number.parseInt(values.steps ?? '10', 10));

const skip = containerSkipReason();
if (skip !== undefined) {
  console.log(`local containers: skipped (${skip})`);
} else {
  ensureBusyboxImage();
  const engine = await discoverEngine('podman', process.env);
  const bare: number[] = [];
  for (let i = 0; i < k; i++) {
    const started = performance.now();
    const r = spawnSync(engine.bin, [
      ...engine.globalFlags,
      'run',
      '--rm',
      ...engine.runFlags,
      '--network',
      'none',
      busyboxImage,
      'true',
    ]);
    if (r.status !== 0) throw new Error(`podman run failed: ${r.stderr}`);
    bare.push(performance.now() - started);
  }
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'sluice-bench-containers-'));
  try {
    const steps = Array.from({ length: k }, (_, i) => [{ name: `s${i}`, template: 'noop' }]);
    const run = await runWorkflow(
      [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Workflow',
          metadata: { name: 'bench-containers' },
          spec: {
            entrypoint: 'main',
            templates: [
              { name: 'main', steps },
              { name: 'noop', container: { image: busyboxImage, command: ['true'] } },
            ],
          },
        },
      ],
      { cwd, engine: 'podman', report: false },
    );
    if (run.status.phase !== 'Succeeded') throw new Error(`bench workflow ${run.status.phase}: ${run.status.message}`);
    const perStep = Object.values(run.status.nodes ?? {})
      .filter((n) => n.type === 'Pod')
      .map((n) => Date.parse(n.finishedAt ?? '') - Date.parse(n.startedAt ?? ''));
    const ours = median(perStep);
    const floor = median(bare);
    console.log(`local containers steps=${k} (podman, ${busyboxImage})`);
    console.log(`  bare podman run --rm … true: ${floor.toFixed(0)} ms median`);
    console.log(`  step in --engine podman:     ${ours.toFixed(0)} ms median`);
    console.log(`  ratio:                       ${(ours / floor).toFixed(2)} × the bare run (target ≤ 1.5)`);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
