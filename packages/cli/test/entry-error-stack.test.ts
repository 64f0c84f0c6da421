import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The built CLI imports a `.ts` entry's bundle with Node's source maps off (reading the bundle's map on every load
 * costs every command milliseconds) and maps a stack that shows the bundle itself. These run the built CLI in its
 * own process, as a user would: a test runner maps stacks its own way, so in-process tests could not see a miss.
 */
const bin = path.resolve(import.meta.dirname, '../bin/workflow.js');
const dir = path.resolve(import.meta.dirname, 'fixtures/throwing');

function workflow(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    env: { ...process.env, SLUICE_DEBUG: '', ...env },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('stacks of errors in a .ts entry, from the built CLI', () => {
  it('an error while loading names the line and, with SLUICE_DEBUG=1, prints the stack at the entry lines', () => {
    const { code, stderr } = workflow(['compile', 'bad1.ts'], { SLUICE_DEBUG: '1' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^workflow compile: bad1\.ts: .+\n {2}at bad1\.ts:5:15\n/);
    expect(stderr).toContain(`${path.join(dir, 'bad1.ts')}:5:15`);
    expect(stderr).not.toMatch(/\.sluice[\\/]cache/);
  });

  it('an error no command expects (thrown when the entry is compiled) prints a stack at the entry lines', () => {
    const { code, stderr } = workflow(['compile', 'throws-when-compiled.ts']);
    expect(code).toBe(1);
    expect(stderr).toContain('Error: this object cannot be compiled');
    expect(stderr).toContain(`${path.join(dir, 'throws-when-compiled.ts')}:5:11`);
    expect(stderr).not.toMatch(/\.sluice[\\/]cache/);
  });
});
