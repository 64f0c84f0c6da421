import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineStage, FatalError, runStage } from '../src/index.js';
import { makeRunDirs, stageEnv } from './helpers/run-fixture.js';

// Bug: a failed stage's reason reached only its log; Argo's node message (and `workflow run --local`'s) said just
// "Error (exit code 2)". The runtime now writes the reason as the container's termination message.
const stage = defineStage({
  name: 'gate',
  params: z.object({ mode: z.string() }),
  outputs: z.object({ rows: z.number() }),
  async run(ctx) {
    const token = await ctx.secret('api', 'token');
    if (ctx.params.mode === 'fatal') throw new FatalError(`contract broken; token ${token} rejected`);
    if (ctx.params.mode === 'crash') throw new TypeError('x is undefined');
    if (ctx.params.mode === 'huge') throw new FatalError('é'.repeat(5000));
    return { rows: ctx.params.mode === 'bad-output' ? Number.NaN : 1 };
  },
});

async function run(mode: string, withLog = true): Promise<{ code: number; message: string | undefined }> {
  const dirs = makeRunDirs();
  mkdirSync(join(dirs.secrets, 'api'), { recursive: true });
  writeFileSync(join(dirs.secrets, 'api', 'token'), 'hunter2-secret');
  const file = join(dirs.root, 'termination-log');
  const code = await runStage(stage, {
    argv: ['--param', `mode=${mode}`, '--param', 'execution-date=2026-06-17'],
    env: stageEnv(dirs, withLog ? { SLUICE_TERMINATION_LOG: file } : {}),
    handleSignals: false,
    writeLog: () => undefined,
  });
  return { code, message: existsSync(file) ? readFileSync(file, 'utf8') : undefined };
}

describe('failed stage reason invisible outside its log', () => {
  it('writes a FatalError message as the termination message, secrets redacted', async () => {
    const { code, message } = await run('fatal');
    expect(code).toBe(2);
    expect(message).toBe('contract broken; token [REDACTED] rejected');
  });

  it('writes an unexpected exception and an invalid output too', async () => {
    expect(await run('crash')).toEqual({ code: 1, message: 'unexpected exception: x is undefined' });
    const invalid = await run('bad-output');
    expect(invalid.code).toBe(2);
    expect(invalid.message).toMatch(/rows/);
  });

  it('cuts the message to 4096 bytes on a character boundary', async () => {
    const { message } = await run('huge');
    expect(Buffer.byteLength(message ?? '')).toBeLessThanOrEqual(4096);
    expect(message).toMatch(/^é+ \[…\]$/u);
  });

  it('writes nothing on success', async () => {
    expect(await run('ok')).toEqual({ code: 0, message: undefined });
  });
});
