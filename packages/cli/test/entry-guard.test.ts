import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Bug 8: an entry's top level runs inside `workflow`. These run the built CLI in its own process, as a user would:
 * a process.exit, an await that never settles and a timer left running must each end with exit 2 and a message
 * naming the file, never exit 0, Node's silent 13, or a hang.
 */
const bin = path.resolve(import.meta.dirname, '../bin/workflow.js');
const fixtures = path.resolve(import.meta.dirname, 'fixtures/misbehaving');

function workflow(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: fixtures,
      env: { ...process.env, ...env, SLUICE_DEBUG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bug 8: the guard around the import of an entry', () => {
  it('process.exit(0) while loading: compile --output-file exits 2 naming the file and the line, and writes nothing', async () => {
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'sluice-guard-')), 'f.yaml');
    const { code, stderr } = await workflow(['compile', 'exits.ts', '--output-file', out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^workflow compile: exits\.ts: it calls process\.exit\(0\) while it is being loaded/);
    expect(stderr).toMatch(/\n {2}at exits\.ts:3:\d+\n/);
    expect(existsSync(out)).toBe(false);
  });

  it('process.exit while loading: run --local does not exit 0 without running', async () => {
    const { code, stderr } = await workflow(['run', '--local', 'exits.ts']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/exits\.ts: .*it calls process\.exit\(0\) while it is being loaded/);
  });

  it('a top-level await that never settles: exit 2 with a message, not exit 13 with none', async () => {
    const { code, stderr } = await workflow(['compile', 'never-settles.ts']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^workflow compile: never-settles\.ts: its top-level await never settles/);
    // lint reports it as the file's problem (exit 1), as for any entry that cannot load.
    const lint = await workflow(['lint', 'never-settles.ts']);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain('its top-level await never settles');
  });

  it('a top-level await still waiting after SLUICE_ENTRY_TIMEOUT_SECONDS: exit 2 naming the limit', async () => {
    const { code, stderr } = await workflow(['compile', 'waits-long.ts'], { SLUICE_ENTRY_TIMEOUT_SECONDS: '1' });
    expect(code).toBe(2);
    expect(stderr).toMatch(/waits-long\.ts: its top level was still running after 1 s/);
    expect(stderr).toContain('SLUICE_ENTRY_TIMEOUT_SECONDS');
  });

  it('a timer left running: exit 2 naming the file, not a hang', async () => {
    const { code, stderr } = await workflow(['compile', 'keeps-timer.ts']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/keeps-timer\.ts: it leaves 1 timer running after it is loaded/);
  });

  it('a bad SLUICE_ENTRY_TIMEOUT_SECONDS is refused naming the variable', async () => {
    const { code, stderr } = await workflow(['compile', 'keeps-timer.ts'], { SLUICE_ENTRY_TIMEOUT_SECONDS: 'soon' });
    expect(code).toBe(2);
    expect(stderr).toContain('SLUICE_ENTRY_TIMEOUT_SECONDS must be a number of seconds > 0, got "soon"');
  });
});
