import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runWorkflow } from '@sluice/local';
import { lint } from '@sluice/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { countRows } from '../functions/count-rows.ts';
import { planShards } from '../functions/plan-shards.ts';
import wf from '../workflow.ts';

const cwd = mkdtempSync(path.join(tmpdir(), 'sluice-example-ts-script-'));
writeFileSync(path.join(cwd, 'package.json'), '{"name":"run","type":"module"}');
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

describe('the ts-script workflow', () => {
  it('compiles to the golden YAML', async () => {
    await expect(wf.toYaml()).toMatchFileSnapshot('golden/workflow.yaml');
  });

  it('lints clean, policy rules included', () => {
    const results = lint([{ source: 'workflow.ts', doc: wf.toObject() }], { policy: true });
    expect(results.flatMap((r) => r.errors)).toEqual([]);
  });

  it('runs locally: plans the shards, counts each in parallel, and sums what the functions compute', async () => {
    const result = await runWorkflow([wf.toObject()], { cwd, report: false });
    expect(result.status.phase).toBe('Succeeded');
    const nodes = Object.values(result.status.nodes ?? {});
    const output = (name: string, parameter: string) =>
      nodes.find((n) => n.displayName === name)?.outputs?.parameters?.find((p) => p.name === parameter)?.value;
    const { shards } = planShards({ day: '2026-06-17', shardCount: 4 });
    expect(JSON.parse(output('plan', 'shards') ?? 'null')).toEqual(shards);
    const expected = shards.reduce((total, shard) => total + countRows({ shard }).rows, 0);
    expect(nodes.filter((n) => n.displayName?.startsWith('count(')).map((n) => n.phase)).toEqual(
      shards.map(() => 'Succeeded'),
    );
    expect(output('summarise', 'total')).toBe(String(expected));
    expect(output('summarise', 'report')).toBe(
      `2026-06-17: ${expected} rows in 4 shards (largest ${Math.max(...shards.map((shard) => countRows({ shard }).rows))})`,
    );
  });
});
