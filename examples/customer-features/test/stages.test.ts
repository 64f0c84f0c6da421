import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ObjectSchema, runStage, type Stage } from '@sluice/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import buildFeatures from '../stages/build-features.js';
import extractOrders from '../stages/extract-orders.js';
import loadFeatures from '../stages/load-features.js';
import trainLocal from '../stages/train-local.js';
import validateFeatures from '../stages/validate-features.js';
import validateRaw from '../stages/validate-raw.js';

const DATE = '2026-06-17';
const PARTITIONS = 4;
let root: string;

/** Runs a stage the way Argo and the local runner do (`--param kebab=value`, SLUICE_* env) and reads its outputs. */
async function run<P extends ObjectSchema, O extends ObjectSchema>(
  stage: Stage<string, P, O>,
  params: Record<string, string | number>,
  partition?: { index: number; count: number },
): Promise<{ code: number; outputs: Record<string, string> }> {
  const node = `${stage.name}${partition ? `-${partition.index}` : ''}`;
  const dir = join(root, 'nodes', node);
  const env = {
    SLUICE_PIPELINE: 'customer-features',
    SLUICE_WORKFLOW_NAME: 'test',
    SLUICE_WORKFLOW_UID: '00000000-0000-4000-8000-000000000000',
    SLUICE_NODE_NAME: node,
    SLUICE_OUTPUTS_DIR: join(dir, 'outputs'),
    SLUICE_SCRATCH_DIR: join(dir, 'scratch'),
    SLUICE_CHECKPOINT_DIR: join(dir, 'checkpoints'),
    SLUICE_SECRETS_DIR: join(root, 'secrets'),
    SLUICE_METRICS_FILE: join(dir, 'metrics.prom'),
    SLUICE_LINEAGE_DIR: join(root, 'lineage'),
    ...(partition
      ? { SLUICE_PARTITION_INDEX: String(partition.index), SLUICE_PARTITION_COUNT: String(partition.count) }
      : {}),
  };
  const argv = ['--param', `execution-date=${DATE}`];
  for (const [key, value] of Object.entries(params)) argv.push('--param', `${key}=${value}`);
  const code = await runStage(stage, { argv, env, handleSignals: false, writeLog: () => {} });
  const outputs: Record<string, string> = {};
  for (const name of stage.outputNames) {
    try {
      outputs[name] = await readFile(join(env.SLUICE_OUTPUTS_DIR, name), 'utf8');
    } catch {
      // a failed stage writes no outputs
    }
  }
  return { code, outputs };
}

describe('the customer-features stages, end to end on a small synthetic day', () => {
  const results: Record<string, Record<string, string>> = {};
  let lakeRoot: string;
  let storeRoot: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'customer-features-'));
    lakeRoot = join(root, 'lake');
    storeRoot = join(root, 'store');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('extract reads the synthetic source when no database URL is mounted', async () => {
    const { code, outputs } = await run(extractOrders, { 'lake-root': lakeRoot, 'synthetic-rows': 20_000 });
    expect(code).toBe(0);
    expect(outputs).toMatchObject({ 'row-count': '20000', source: 'synthetic' });
    results.extract = outputs;
  });

  it('validate-raw routes the bad rows to dead letters', async () => {
    const { code, outputs } = await run(validateRaw, {
      'lake-root': lakeRoot,
      'raw-path': results.extract?.['raw-path'] ?? '',
    });
    expect(code).toBe(0);
    const dead = Number(outputs['dead-letters']);
    expect(dead).toBeGreaterThan(20);
    expect(dead).toBeLessThan(200);
    expect(Number(outputs['valid-rows']) + dead).toBe(20_000);
  });

  it('build-features writes one part per partition, covering every customer once', async () => {
    let rows = 0;
    for (let index = 0; index < PARTITIONS; index++) {
      const { code, outputs } = await run(
        buildFeatures,
        { 'lake-root': lakeRoot, 'valid-path': 'unused' },
        { index, count: PARTITIONS },
      );
      expect(code).toBe(0);
      rows += Number(outputs.rows);
    }
    expect(rows).toBeGreaterThan(500);
    results.features = { rows: String(rows) };
  });

  it('validate-features fails with exit 2 when a partition is missing', async () => {
    const { code } = await run(validateFeatures, { 'lake-root': lakeRoot, partitions: PARTITIONS + 1 });
    expect(code).toBe(2);
  });

  it('validate-features gathers the parts into a checked candidate', async () => {
    const { code, outputs } = await run(validateFeatures, {
      'lake-root': lakeRoot,
      partitions: PARTITIONS,
      'min-rows': 100,
    });
    expect(code).toBe(0);
    expect(outputs['feature-rows']).toBe(results.features?.rows);
    results.candidate = outputs;
  });

  it('validate-features fails with exit 2 when a check is breached', async () => {
    const { code } = await run(validateFeatures, {
      'lake-root': lakeRoot,
      partitions: PARTITIONS,
      'min-rows': 10_000_000,
    });
    expect(code).toBe(2);
  });

  it('load publishes the candidate atomically and reports the dataset version; running it again replaces it', async () => {
    const params = {
      'lake-root': lakeRoot,
      'store-root': storeRoot,
      'candidate-path': results.candidate?.['candidate-path'] ?? '',
    };
    const first = await run(loadFeatures, params);
    expect(first.code).toBe(0);
    expect(first.outputs['loaded-rows']).toBe(results.features?.rows);
    expect(first.outputs['dataset-version']).toMatch(/^2026-06-17@v1:/);
    const second = await run(loadFeatures, params);
    expect(second.outputs['loaded-rows']).toBe(results.features?.rows);
    expect(second.outputs['dataset-version']).toMatch(/^2026-06-17@v2:/);
    results.load = second.outputs;
  });

  it('train-local fits the model on the published version and reports its AUC', async () => {
    const { code, outputs } = await run(trainLocal, {
      'store-root': storeRoot,
      'dataset-version': results.load?.['dataset-version'] ?? '',
    });
    expect(code).toBe(0);
    expect(Number(outputs.auc)).toBeGreaterThan(0.6);
    expect(Number(outputs['train-rows']) + Number(outputs['test-rows'])).toBe(Number(results.features?.rows));
  });

  it('train-local refuses a dataset version that is not the published one', async () => {
    const { code } = await run(trainLocal, { 'store-root': storeRoot, 'dataset-version': '2026-06-17@v9:deadbeef' });
    expect(code).toBe(2);
  });
});
