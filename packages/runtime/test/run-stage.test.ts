import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineStage, FatalError, runStage } from '../src/index.js';
import { makeRunDirs, stageEnv } from './helpers/run-fixture.js';

const stage = defineStage({
  name: 'in-process',
  params: z.object({ factor: z.number() }),
  outputs: z.object({ scaledRows: z.number() }),
  async run(ctx) {
    if (ctx.params.factor < 0) throw new FatalError('factor must not be negative');
    ctx.metrics.processedRows(10);
    return { scaledRows: 10 * ctx.params.factor + ctx.partition.index };
  },
});

describe('runStage', () => {
  it('runs a stage in this process and resolves with its exit code', async () => {
    const dirs = makeRunDirs();
    const logs: string[] = [];
    const code = await runStage(stage, {
      argv: ['--param', 'factor=3', '--param', 'execution-date=2026-06-17'],
      env: stageEnv(dirs, { SLUICE_PARTITION_INDEX: '1', SLUICE_PARTITION_COUNT: '2' }),
      handleSignals: false,
      writeLog: (line) => void logs.push(line),
    });
    expect(code).toBe(0);
    expect(readFileSync(join(dirs.outputs, 'scaled-rows'), 'utf8')).toBe('31');
    expect(logs.map((line) => JSON.parse(line).msg)).toEqual(['stage started', 'stage succeeded']);
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });

  it('resolves 2 for a FatalError thrown by run', async () => {
    const code = await runStage(stage, {
      argv: ['--param', 'factor=-1', '--param', 'execution-date=2026-06-17'],
      env: stageEnv(makeRunDirs()),
      handleSignals: false,
      writeLog: () => undefined,
    });
    expect(code).toBe(2);
  });
});
