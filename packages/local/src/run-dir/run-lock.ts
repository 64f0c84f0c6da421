import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WorkflowInputError } from '../workflow-set.js';
import { currentProcess, isAlive, type ProcessIdentity } from './process-identity.js';

/** What `run.lock` holds: who runs the directory, so that a second runner can name it or find it dead. */
interface LockOwner extends ProcessIdentity {
  readonly host: string;
  /** ISO time the lock was taken. */
  readonly since: string;
  /** Unique per acquisition, so a runner removes only its own lock. */
  readonly token: string;
}

/**
 * A run directory is being run by another live process (exit code 2 in the CLI).
 * @example
 * ```ts
 * import { RunDirectoryLockedError, runWorkflow } from '@sluice/local';
 *
 * try {
 *   await runWorkflow([], { resume: 'nightly' });
 * } catch (error) {
 *   if (error instanceof RunDirectoryLockedError) console.error(`in use by process ${error.owner.pid} on ${error.owner.host}`);
 * }
 * ```
 */
export class RunDirectoryLockedError extends WorkflowInputError {
  /** The process that holds the run directory. */
  readonly owner: { readonly pid: number; readonly host: string; readonly since: string };

  constructor(dir: string, owner: LockOwner) {
    const where = owner.host === os.hostname() ? `pid ${owner.pid}` : `pid ${owner.pid} on ${owner.host}`;
    super(
      `run directory ${dir} is in use by ${where} since ${owner.since}: ` +
        `wait for that run to end (or stop it: kill ${owner.pid}), then run --resume again`,
    );
    this.owner = { pid: owner.pid, host: owner.host, since: owner.since };
  }
}

/** A held run-directory lock. */
export interface RunLock {
  /** The lock file. */
  readonly file: string;
  /** Whether the lock was taken over from a runner that had died without releasing it. */
  readonly recoveredFrom: number | undefined;
  /** Removes the lock if it is still this runner's (idempotent). */
  release(): void;
}

/** The lock file of a run directory. */
export function lockFile(dir: string): string {
  return path.join(dir, 'run.lock');
}

function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the recorded owner may still be running: on another host it cannot be checked, so it is assumed to be. */
function ownerAlive(owner: LockOwner): boolean {
  return owner.host !== os.hostname() || isAlive(owner);
}

/**
 * Takes the run directory's lock (`run.lock`: the owner's pid, its process start time, host and since when).
 * The file is created complete in one step (a hard link of a fully written temporary file), so a reader never sees
 * a half-written owner. A lock whose owner is dead (pid gone, or reused by another process) is removed and taken
 * over; a lock whose owner is alive throws {@link RunDirectoryLockedError} naming it.
 *
 * @example
 * ```ts
 * const lock = acquireRunLock(runDir);
 * try { await run(); } finally { lock.release(); }
 * ```
 */
export function acquireRunLock(dir: string): RunLock {
  const file = lockFile(dir);
  const owner: LockOwner = {
    ...currentProcess(),
    host: os.hostname(),
    since: new Date().toISOString(),
    token: randomBytes(8).toString('hex'),
  };
  const temp = path.join(dir, `.run.lock.${owner.token}.tmp`);
  writeFileSync(temp, `${JSON.stringify(owner)}\n`);
  let recoveredFrom: number | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temp, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const held = readOwner(file);
      if (held !== undefined && ownerAlive(held)) throw new RunDirectoryLockedError(dir, held);
      if (attempt >= 3) {
        // Another runner keeps replacing the stale lock at the same moment: let it have the directory.
        throw new WorkflowInputError(`run directory ${dir}: could not take ${file}; another runner is starting there`);
      }
      // Dead owner (or an unreadable file left by a crash while writing): take it over.
      recoveredFrom = held?.pid;
      // Only the lock that was judged dead is removed, not one another runner has just taken over.
      if (held !== undefined && readOwner(file)?.token !== held.token) continue;
      try {
        unlinkSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  } finally {
    unlinkSync(temp);
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readOwner(file)?.token !== owner.token) return;
    try {
      unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  // A runner that exits without returning (process.exit on a second SIGINT) still frees the directory.
  process.on('exit', release);
  return { file, recoveredFrom, release };
}
