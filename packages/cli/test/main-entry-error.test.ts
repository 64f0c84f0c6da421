import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { capture } from './support/io.js';

/** Regression: an error thrown while importing a `.ts` entry printed a raw Node stack and exited 1. */

/** The fixture's directory is the working directory, so messages name it `bad1.ts` as a user would see it. */
const dir = path.resolve(import.meta.dirname, 'fixtures/throwing');

async function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  const io = capture(env, dir);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('an error thrown while importing a .ts entry', () => {
  it('compile: prints "workflow compile: <file>: <message>" and the user-code line, no stack, exit 2', async () => {
    const { code, out, err } = await run(['compile', 'bad1.ts']);
    expect(code).toBe(2);
    expect(out).toBe('');
    const [first, second, third, ...rest] = err.split('\n');
    expect(first).toMatch(/^workflow compile: bad1\.ts: .+/);
    expect(first).toContain('inline.yaml');
    // The call on line 5 of the fixture, column 15: the bundle's frame mapped back to the user's TypeScript.
    expect(second).toBe('  at bad1.ts:5:15');
    expect(third).toBe('Run with SLUICE_DEBUG=1 for the full stack.');
    expect(rest.join('\n')).toBe('');
    expect(err).not.toMatch(/node:internal|packages\/sdk|node_modules/);
  });

  it('compile: SLUICE_DEBUG=1 or --verbose shows the stack', async () => {
    for (const [args, env] of [
      [['compile', 'bad1.ts'], { SLUICE_DEBUG: '1' }],
      [['compile', 'bad1.ts', '--verbose'], {}],
    ] as const) {
      const { code, err } = await run([...args], env);
      expect(code).toBe(2);
      expect(err).toMatch(/^workflow compile: bad1\.ts: /);
      expect(err).toMatch(/\n\s+at .*bad1\.ts:5:15\)?\n/);
      expect(err).not.toMatch(/\.sluice[\\/]cache/);
      expect(err).not.toContain('Run with SLUICE_DEBUG=1');
    }
  });

  it('graph: names the file and the line, exit 2', async () => {
    const { code, out, err } = await run(['graph', 'bad1.ts']);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^workflow graph: bad1\.ts: cannot load: .+ \(at bad1\.ts:\d+:\d+\)\n$/);
  });

  it('lint: reports the file as a problem with its line, no stack', async () => {
    const { code, out, err } = await run(['lint', 'bad1.ts', '-o', 'simple']);
    expect(code).toBe(1);
    expect(out).toMatch(/^bad1\.ts: cannot load: .+ \(at bad1\.ts:\d+:\d+\)\n$/);
    expect(err).toBe('');
    expect((await run(['lint', 'bad1.ts', '-o', 'simple', '--verbose'])).err).toMatch(/^bad1\.ts: .*\n\s+at /);
  });
});
