import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunDirectoryLockedError, runWorkflow } from '../src/index.js';
import { processStartTime } from '../src/run-dir/process-identity.js';
import { acquireRunLock } from '../src/run-dir/run-lock.js';
import { runYaml, tempProject } from './support/run.js';

/** One step that blocks reading a FIFO until the test writes to it: the run is certainly still going meanwhile. */
const blocking = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: locked }
spec:
  entrypoint: wait
  templates:
  - name: wait
    script: { image: bash:5.2, command: [bash], source: "read line < gate; echo \\"$line\\" >> ran; echo $line" }
`;

const quick = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: quick }
spec:
  entrypoint: one
  templates:
  - name: one
    script: { image: bash:5.2, command: [bash], source: "echo ran >> ran; echo ok" }
`;

/** A pid that is certainly not running any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('bug 4: the run directory lock', () => {
  it('--resume of a run that is still running is refused, naming the owner pid, and runs nothing twice', async () => {
    const cwd = tempProject();
    execFileSync('mkfifo', [path.join(cwd, 'gate')]);
    let started: (id: string) => void = () => undefined;
    const runId = new Promise<string>((resolve) => {
      started = resolve;
    });
    const first = runYaml(blocking, { cwd, onStart: ({ runId: id }) => started(id) });
    const id = await runId;
    const lock = JSON.parse(readFileSync(path.join(cwd, '.sluice/runs', id, 'run.lock'), 'utf8'));
    expect(lock).toMatchObject({ pid: process.pid, host: os.hostname(), startTime: processStartTime(process.pid) });
    const second = runWorkflow([], { cwd, resume: id, report: false });
    await expect(second).rejects.toBeInstanceOf(RunDirectoryLockedError);
    await expect(second).rejects.toThrow(
      new RegExp(
        `run directory .*${id} is in use by pid ${process.pid} since .*: wait for that run to end \\(or stop it: kill ${process.pid}\\)`,
      ),
    );
    // Asynchronously: opening a FIFO waits for its reader, which this process's event loop has to start.
    await writeFile(path.join(cwd, 'gate'), 'once\n');
    expect((await first).status.phase).toBe('Succeeded');
    expect(readFileSync(path.join(cwd, 'ran'), 'utf8')).toBe('once\n');
    expect(existsSync(path.join(cwd, '.sluice/runs', id, 'run.lock'))).toBe(false);
  });

  it('a lock left by a runner that died is taken over, and released at the end', async () => {
    const first = await runYaml(quick);
    const lockFile = path.join(first.runDir, 'run.lock');
    const pid = deadPid();
    writeFileSync(lockFile, JSON.stringify({ pid, startTime: 1, host: os.hostname(), since: 'then', token: 'x' }));
    const again = await runWorkflow([], { cwd: first.cwd, resume: first.runId, report: false });
    expect(again.status.phase).toBe('Succeeded');
    expect(existsSync(lockFile)).toBe(false);
  });

  it('a lock whose pid now belongs to another process (another start time) is stale', () => {
    const dir = tempProject();
    const file = path.join(dir, 'run.lock');
    const reused = {
      pid: process.pid,
      startTime: (processStartTime(process.pid) ?? 0) + 1,
      host: os.hostname(),
      since: 'then',
      token: 'x',
    };
    writeFileSync(file, JSON.stringify(reused));
    const lock = acquireRunLock(dir);
    expect(lock.recoveredFrom).toBe(process.pid);
    expect(JSON.parse(readFileSync(file, 'utf8')).startTime).toBe(processStartTime(process.pid));
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('an unreadable lock (cut short by a crash while it was written) is stale; a live owner is refused', () => {
    const dir = tempProject();
    writeFileSync(path.join(dir, 'run.lock'), '{"pid": 12');
    const lock = acquireRunLock(dir);
    expect(() => acquireRunLock(dir)).toThrow(RunDirectoryLockedError);
    lock.release();
    // Releasing twice, or after another runner took the lock, removes nothing of theirs.
    const other = acquireRunLock(dir);
    lock.release();
    expect(existsSync(path.join(dir, 'run.lock'))).toBe(true);
    other.release();
  });

  it('two runs of one workflow started at once get two run directories', async () => {
    const cwd = tempProject();
    const [a, b] = await Promise.all([runYaml(quick, { cwd }), runYaml(quick, { cwd })]);
    expect(a.runDir).not.toBe(b.runDir);
    expect([a.status.phase, b.status.phase]).toEqual(['Succeeded', 'Succeeded']);
  });
});
