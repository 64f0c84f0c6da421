import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import yaml from 'yaml';
import { runWorkflow } from '../src/index.js';
import { byName, tempProject } from './support/run.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The upstream Argo examples, read in place (never copied): `ARGO_CORPUS`, default `../shared/argo/examples`. */
const corpus = path.resolve(repoRoot, process.env.ARGO_CORPUS ?? '../shared/argo/examples');
/** Their images run the container's own command (echo, sh) or the script's interpreter on this machine. */
const imageMap = { busybox: '', 'alpine:3.23': '', 'python:alpine3.23': '' };

/** Deterministic upstream examples and what Argo makes of them. */
const cases: readonly [file: string, phase: string, nodes: Readonly<Record<string, string>>][] = [
  ['dag-diamond-steps.yaml', 'Succeeded', { A: 'Succeeded', D: 'Succeeded' }],
  ['dag-nested.yaml', 'Succeeded', {}],
  ['dag-targets.yaml', 'Succeeded', {}],
  ['loops-dag.yaml', 'Succeeded', {}],
  ['parameter-aggregation.yaml', 'Succeeded', {}],
  ['parameter-aggregation-dag.yaml', 'Succeeded', {}],
  ['exit-handler-step-level.yaml', 'Succeeded', {}],
  ['scripts-python.yaml', 'Succeeded', {}],
  ['continue-on-fail.yaml', 'Succeeded', { C: 'Failed' }],
  ['dag-continue-on-fail.yaml', 'Failed', { B: 'Failed', D: 'Succeeded', E: 'Failed', G: 'Omitted' }],
];

describe('upstream Argo examples run locally as Argo runs them', () => {
  it('finds the corpus', () => {
    expect(existsSync(corpus), `no Argo examples at ${corpus} (set ARGO_CORPUS)`).toBe(true);
  });
  it.each(cases)('%s ends %s', async (file, phase, nodes) => {
    const docs = yaml.parseAllDocuments(readFileSync(path.join(corpus, file), 'utf8')).map((d) => d.toJS() as unknown);
    const run = await runWorkflow(docs, { cwd: tempProject(), imageMap, report: false });
    const errors = Object.values(run.status.nodes ?? {}).filter((n) => n.phase === 'Error');
    expect(errors.map((n) => `${n.displayName}: ${n.message}`)).toEqual([]);
    expect(run.status.phase).toBe(phase);
    const byDisplay = byName(run);
    for (const [name, expected] of Object.entries(nodes)) expect(byDisplay[name]?.phase, name).toBe(expected);
  });
});
