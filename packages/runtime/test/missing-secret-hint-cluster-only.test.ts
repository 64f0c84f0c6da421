import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { defineStage, runStage } from '../src/index.js';
import { makeRunDirs, stageEnv } from './helpers/run-fixture.js';

// Bug: a secret missing in a local run said only "mount the Secret read-only under SLUICE_SECRETS_DIR=…", a
// cluster instruction; a laptop user had to guess that SLUICE_SECRETS_DIR may point at a plain directory.
it('missing secret hint says what to do on a cluster and locally', async () => {
  const dirs = makeRunDirs();
  const file = join(dirs.root, 'termination-log');
  const stage = defineStage({
    name: 'needs-secret',
    params: z.object({}),
    outputs: z.object({}),
    async run(ctx) {
      await ctx.secret('events-api', 'token');
      return {};
    },
  });
  const code = await runStage(stage, {
    argv: ['--param', 'execution-date=2026-06-17'],
    env: stageEnv(dirs, { SLUICE_TERMINATION_LOG: file }),
    handleSignals: false,
    writeLog: () => undefined,
  });
  expect(code).toBe(2);
  const message = readFileSync(file, 'utf8');
  expect(message).toContain("the stage's `secrets` option");
  expect(message).toContain('locally: point SLUICE_SECRETS_DIR at a directory holding events-api/token');
});
