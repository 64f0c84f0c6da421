import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ObjectSchema, runStage, type Stage } from '@sluice/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pipeline from '../pipeline.js';
import extractEvents from '../stages/extract-events.js';
import loadEvents from '../stages/load-events.js';

const DATE = '2026-06-17';
let root: string;

/** Runs a stage as Argo and the local runner do (`--param kebab=value`, SLUICE_* env) and reads its outputs. */
async function run<P extends ObjectSchema, O extends ObjectSchema>(
  stage: Stage<string, P, O>,
  params: Record<string, string | number>,
): Promise<{ code: number; outputs: Record<string, string> }> {
  const dir = join(root, 'nodes', stage.name);
  const env = {
    SLUICE_PIPELINE: 'minimal',
    SLUICE_WORKFLOW_NAME: 'test',
    SLUICE_WORKFLOW_UID: '00000000-0000-4000-8000-000000000000',
    SLUICE_NODE_NAME: stage.name,
    SLUICE_OUTPUTS_DIR: join(dir, 'outputs'),
    SLUICE_SCRATCH_DIR: join(dir, 'scratch'),
    SLUICE_CHECKPOINT_DIR: join(dir, 'checkpoints'),
    SLUICE_METRICS_FILE: join(dir, 'metrics.prom'),
  };
  const argv = ['--param', `execution-date=${DATE}`];
  for (const [key, value] of Object.entries(params)) argv.push('--param', `${key}=${value}`);
  const code = await runStage(stage, { argv, env, handleSignals: false, writeLog: () => {} });
  const outputs: Record<string, string> = {};
  for (const name of stage.outputNames) {
    outputs[name] = await readFile(join(env.SLUICE_OUTPUTS_DIR, name), 'utf8').catch(() => '');
  }
  return { code, outputs };
}

describe('the minimal pipeline', () => {
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'minimal-'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('extract lands the requested number of events as the date’s raw partition', async () => {
    const { code, outputs } = await run(extractEvents, { 'lake-root': join(root, 'lake'), rows: 500 });
    expect(code).toBe(0);
    expect(outputs['row-count']).toBe('500');
    expect(outputs['raw-path']).toContain(`date=${DATE}`);
  });

  it('load publishes them, and loading the same date again replaces the partition instead of adding rows', async () => {
    const params = { 'lake-root': join(root, 'lake'), 'store-root': join(root, 'store'), 'raw-path': 'unused' };
    const first = await run(loadEvents, params);
    expect(first).toMatchObject({ code: 0, outputs: { 'loaded-rows': '500' } });
    expect(first.outputs['dataset-version']).toMatch(new RegExp(`^${DATE}@v1:`));
    const again = await run(loadEvents, params);
    expect(again).toMatchObject({ code: 0, outputs: { 'loaded-rows': '500' } });
    expect(again.outputs['dataset-version']).toMatch(new RegExp(`^${DATE}@v2:`));
    // Same data, same content hash: only the version moved.
    expect(again.outputs['dataset-version']?.split(':')[1]).toBe(first.outputs['dataset-version']?.split(':')[1]);
  });

  it('a bad execution date is a fatal error (exit 2), never retried', async () => {
    const argv = ['--param', 'execution-date=17/06/2026', '--param', `lake-root=${join(root, 'lake')}`];
    const env = { SLUICE_OUTPUTS_DIR: join(root, 'bad', 'outputs'), SLUICE_SCRATCH_DIR: join(root, 'bad', 'scratch') };
    expect(await runStage(extractEvents, { argv, env, handleSignals: false, writeLog: () => {} })).toBe(2);
  });

  it('compiles to a WorkflowTemplate whose load task waits for extract and receives its path', () => {
    const template = pipeline.compile().workflowTemplate;
    const dag = template.spec.templates?.find((t) => t.dag !== undefined)?.dag;
    const load = dag?.tasks.find((t) => t.name === 'load');
    expect(load?.depends).toBe('extract');
    expect(load?.arguments?.parameters?.find((p) => p.name === 'raw-path')?.value).toBe(
      '{{tasks.extract.outputs.parameters.raw-path}}',
    );
  });
});
