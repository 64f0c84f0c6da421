import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ObjectSchema, runStage, type Stage } from '@sluice/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import template from '../pipeline.js';
import countOrders from '../stages/count-orders.js';
import summarise from '../stages/summarise.js';

let root: string;

/** Runs a stage as Argo and the local runner do (`--param kebab=value`, SLUICE_* env) and reads its outputs. */
async function run<P extends ObjectSchema, O extends ObjectSchema>(
  stage: Stage<string, P, O>,
  params: Record<string, string>,
): Promise<{ code: number; outputs: Record<string, string> }> {
  const dir = await mkdtemp(join(root, `${stage.name}-`));
  const env = { SLUICE_OUTPUTS_DIR: join(dir, 'outputs'), SLUICE_SCRATCH_DIR: join(dir, 'scratch') };
  const argv = Object.entries({ 'execution-date': '2026-06-17', ...params }).flatMap(([k, v]) => [
    '--param',
    `${k}=${v}`,
  ]);
  const code = await runStage(stage, { argv, env, handleSignals: false, writeLog: () => {} });
  const outputs: Record<string, string> = {};
  for (const name of stage.outputNames) {
    outputs[name] = await readFile(join(env.SLUICE_OUTPUTS_DIR, name), 'utf8').catch(() => '');
  }
  return { code, outputs };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dag-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the stages', () => {
  it('count-orders gives the same count for the same date and region, and another for another region', async () => {
    const eu = await run(countOrders, { region: 'eu' });
    expect(eu.code).toBe(0);
    expect((await run(countOrders, { region: 'eu' })).outputs.orders).toBe(eu.outputs.orders);
    expect((await run(countOrders, { region: 'us' })).outputs.orders).not.toBe(eu.outputs.orders);
  });

  it('count-orders refuses a region that is not a code (exit 2, never retried)', async () => {
    expect((await run(countOrders, { region: 'EU West' })).code).toBe(2);
  });

  it('summarise adds up the list a looped task hands on, as Argo passes it (a JSON list of strings)', async () => {
    const { code, outputs } = await run(summarise, { counts: '["1843","4710","1349"]' });
    expect(code).toBe(0);
    expect(outputs).toEqual({ total: '7902', regions: '3' });
  });

  it('summarise fails for good on a count that is not a number', async () => {
    expect((await run(summarise, { counts: '["12","n/a"]' })).code).toBe(2);
  });
});

describe('the compiled WorkflowTemplate', () => {
  const object = template.toObject();

  it('fans out over the regions and fans in to summarise, which receives every count', () => {
    const tasks = object.spec.templates?.find((t) => t.name === 'main')?.dag?.tasks ?? [];
    const count = tasks.find((t) => t.name === 'count');
    expect(count?.withItems).toEqual(['eu', 'us', 'apac']);
    const next = tasks.find((t) => t.name === 'summarise');
    expect(next?.depends).toBe('count');
    expect(next?.arguments?.parameters?.[0]?.value).toBe('{{tasks.count.outputs.parameters.orders}}');
  });

  it('starts each stage from the image and, locally, from its TypeScript file', () => {
    for (const name of ['count-orders', 'summarise']) {
      const t = object.spec.templates?.find((x) => x.name === name);
      expect(t?.container?.command).toEqual(['node', `/app/dist/stages/${name}.js`]);
      const local = JSON.parse(t?.metadata?.annotations?.['sluice.dev/local-command'] ?? '[]') as string[];
      expect(local.slice(0, 4)).toEqual(['node', '--import', 'tsx', `stages/${name}.ts`]);
    }
  });
});
