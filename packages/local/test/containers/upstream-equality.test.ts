import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeStatus } from '@sluice/argo-types';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/index.js';
import { byName, runYaml } from '../support/run.js';
import { busyboxImage, containerSkipReason, ensureBusyboxImage } from './support/engine.js';

const skip = containerSkipReason();
if (skip !== undefined) console.warn(`container tests skipped: ${skip}`);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** The upstream Argo examples, read in place (never copied): `ARGO_CORPUS`, default `../shared/argo/examples`. */
const corpus = path.resolve(repoRoot, process.env.ARGO_CORPUS ?? '../shared/argo/examples');
/** The images these examples name; their commands are busybox's (sh, echo, seq, …). */
const upstreamImages = ['busybox', 'alpine:3.23'];

/** The example with its images replaced by the local scratch busybox image (no registry is reachable). */
function boxed(text: string): string {
  return text.replace(/^(\s*image:\s*)(\S+)\s*$/gm, (line, lead: string, image: string) =>
    upstreamImages.includes(image) ? `${lead}${busyboxImage}` : line,
  );
}

/** A file or folder's contents, as a comparable value. */
function contents(file: string): unknown {
  if (!statSync(file).isDirectory()) return readFileSync(file, 'utf8');
  return Object.fromEntries(readdirSync(file).map((e) => [e, contents(path.join(file, e))]));
}

/** What Argo would show of a run: every node's phase, result, exit code, parameters and artifact contents. */
function observable(run: RunResult): unknown {
  const nodes = (Object.values(run.status.nodes ?? {}) as NodeStatus[]).map((n) => ({
    name: n.displayName,
    type: n.type,
    phase: n.phase,
    result: n.outputs?.result,
    exitCode: n.outputs?.exitCode,
    parameters: n.outputs?.parameters,
    artifacts: (n.outputs?.artifacts ?? []).map((a) => ({ name: a.name, contents: a.path ? contents(a.path) : a })),
  }));
  // The generated workflow name differs between the runs: it is the root node's name (the one whose id it is).
  const workflow = workflowName(run);
  const text = JSON.stringify({ phase: run.status.phase, nodes }).replaceAll(workflow, '<workflow>');
  const shown = JSON.parse(text) as { nodes: unknown[] };
  shown.nodes.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return shown;
}

/** The run's workflow name: its root node's name, which is also that node's id. */
function workflowName(run: RunResult): string {
  const root = (Object.values(run.status.nodes ?? {}) as NodeStatus[]).find((n) => n.id === n.name);
  if (root === undefined) throw new Error('no root node');
  return root.name;
}

/** Upstream examples whose commands busybox runs, and the phase Argo gives them. */
const cases: readonly [file: string, phase: string][] = [
  ['hello-world.yaml', 'Succeeded'],
  ['steps.yaml', 'Succeeded'],
  ['output-parameter.yaml', 'Succeeded'],
  ['loops.yaml', 'Succeeded'],
  ['dag-diamond.yaml', 'Succeeded'],
  ['dag-targets.yaml', 'Succeeded'],
  ['parameter-aggregation.yaml', 'Succeeded'],
  ['exit-handler-step-level.yaml', 'Succeeded'],
  ['continue-on-fail.yaml', 'Succeeded'],
  ['dag-continue-on-fail.yaml', 'Failed'],
];

describe.skipIf(skip !== undefined)('upstream examples give the same outputs on the host and in podman', () => {
  beforeAll(() => ensureBusyboxImage());

  it('finds the corpus', () => {
    expect(existsSync(corpus), `no Argo examples at ${corpus} (set ARGO_CORPUS)`).toBe(true);
  });

  it.each(cases)('%s: same nodes, phases, results, parameters and artifacts (%s)', async (file, phase) => {
    const text = boxed(readFileSync(path.join(corpus, file), 'utf8'));
    const host = await runYaml(text, { imageMap: { [busyboxImage]: '' } });
    const podman = await runYaml(text, { engine: 'podman', killGraceMs: 1000 });
    expect(host.status.phase, host.status.message).toBe(phase);
    expect(Object.keys(podman.placements).length).toBeGreaterThan(0);
    expect(observable(podman)).toEqual(observable(host));
  });

  it('artifact-disable-archive.yaml: stores each artifact as its archive setting says, and the consumer reads them', async () => {
    const text = boxed(readFileSync(path.join(corpus, 'artifact-disable-archive.yaml'), 'utf8'));
    const run = await runYaml(text, { engine: 'podman', killGraceMs: 1000 });
    expect(run.status.phase, run.status.message).toBe('Succeeded');
    const n = byName(run);
    const produced = n['generate-artifact'];
    const repo = path.join(
      run.runDir,
      'artifact-repository',
      run.status.nodes ? (Object.values(run.status.nodes)[0]?.name ?? '') : '',
      produced?.id ?? '',
    );
    // none: the file and the folder as they are, under their base names; tar at level 0: a .tgz.
    expect(readFileSync(path.join(repo, 'hello_world.txt'), 'utf8')).toBe('hello world\n');
    expect(statSync(path.join(repo, 'etc')).isDirectory()).toBe(true);
    expect(readFileSync(path.join(repo, 'hello-txt-nc.tgz')).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(n['consume-artifact']?.outputs?.result).toMatch(/^hello world\nhello world\n\.\n/);
  });
});
