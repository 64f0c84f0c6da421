import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { nodeCrypto } from './node-crypto.js';

/** The lock file of a partition, inside its `.versions/date=D` directory. */
export const LOCK_FILE = '.lock';

/** A lock file whose content is still empty or torn after this long belongs to a writer killed while taking it. */
const TORN_LOCK_MS = 30_000;

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly acquiredAt: string;
}

/** Whether a process with this id runs on this machine. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<LockOwner | 'missing' | 'torn'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const owner = JSON.parse(text) as LockOwner;
    return typeof owner.pid === 'number' && typeof owner.token === 'string' ? owner : 'torn';
  } catch {
    return 'torn';
  }
}

/**
 * Whether the lock's holder is gone: a process of this machine that no longer runs, or a lock file left empty by
 * a writer killed while creating it. A holder on another machine is never presumed gone.
 */
async function isStale(path: string, owner: LockOwner | 'torn'): Promise<boolean> {
  if (owner === 'torn') {
    const info = await stat(path).catch(() => undefined);
    return info !== undefined && Date.now() - info.mtimeMs > TORN_LOCK_MS;
  }
  return owner.host === hostname() && !alive(owner.pid);
}

/**
 * Removes a stale lock. It is first renamed to a unique trash name (atomic: of two processes breaking the same
 * stale lock only one gets it); if what was renamed turns out to be a newer, live lock (taken between the check and
 * the rename), it is linked back.
 */
async function breakLock(dir: string, seen: LockOwner | 'torn'): Promise<void> {
  const path = join(dir, LOCK_FILE);
  const trash = join(dir, `.trash-lock-${nodeCrypto().randomUUID()}`);
  try {
    await rename(path, trash);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const taken = await readOwner(trash);
  const same = seen === 'torn' ? taken === 'torn' : typeof taken === 'object' && taken.token === seen.token;
  if (!same) await link(trash, path).catch(() => undefined);
  await rm(trash, { force: true });
}

/** Options of {@link lockPartition}. */
export interface PartitionLockOptions {
  /** How long to wait for another writer of the same partition before failing; default 10 minutes. */
  readonly timeoutMs?: number;
  /** How often to look again while waiting; default 100 ms. */
  readonly pollMs?: number;
}

/**
 * Takes the exclusive lock of one partition (`.versions/date=D/.lock`, created with `O_EXCL`, holding the owner's
 * pid, host and a token), waiting while another live writer holds it, and breaking it when its writer is gone
 * (killed, crashed). Returns the release function.
 *
 * @param dir the partition's `.versions/date=D` directory (must exist).
 * @param what the partition path, for the timeout error.
 * @throws {Error} `another writer (pid …) has held the lock of <what> for …` after `timeoutMs`.
 * @internal
 */
export async function lockPartition(
  dir: string,
  what: string,
  options: PartitionLockOptions = {},
): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  const timeoutMs = options.timeoutMs ?? 600_000;
  const pollMs = options.pollMs ?? 100;
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    token: nodeCrypto().randomUUID(),
    acquiredAt: new Date().toISOString(),
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o644);
      try {
        await handle.writeFile(`${JSON.stringify(owner)}\n`);
      } finally {
        await handle.close();
      }
      return async () => {
        const current = await readOwner(path);
        if (typeof current === 'object' && current.token === owner.token) await rm(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readOwner(path);
    if (holder === 'missing') continue;
    if (await isStale(path, holder)) {
      await breakLock(dir, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who =
        holder === 'torn' ? 'a writer' : `a writer (pid ${holder.pid} on ${holder.host}, since ${holder.acquiredAt})`;
      throw new Error(
        `${what}: ${who} is still writing this partition after ${Math.round(timeoutMs / 1000)} s; ` +
          `only one replacePartition per partition runs at a time (if that writer is gone, delete ${path})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
