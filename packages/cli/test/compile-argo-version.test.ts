import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './support/io.js';

const entry = path.resolve(import.meta.dirname, 'fixtures/argo-version/nightly.ts');

async function compile(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = capture(env);
  const code = await main(['compile', entry, ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('workflow compile --argo-version', () => {
  it('writes the newest form by default and for 4.1', async () => {
    for (const args of [[], ['--argo-version', '4.1']]) {
      const { code, out, err } = await compile(args);
      expect(err).toBe('');
      expect(code).toBe(0);
      expect(out).toContain('  schedules:\n  - 0 2 * * *\n');
    }
  });

  it('a definition Argo 3.5 cannot run fails naming the release (exit 2); ARGO_VERSION works the same', async () => {
    for (const [args, env] of [
      [['--argo-version', '3.5'], {}],
      [[], { ARGO_VERSION: '3.5' }],
    ] as const) {
      const { code, err } = await compile([...args], { ...env });
      expect(code).toBe(2);
      expect(err).toContain(
        'CronWorkflow twice: spec: Argo 3.5 runs one schedule per CronWorkflow (spec.schedule) and this one has 2; several schedules need Argo 3.6 or later',
      );
    }
  });
});
