import { readFileSync } from 'node:fs';

/**
 * A process as it can be recognised later: its pid and the kernel's start time of that pid, so that a pid the
 * kernel has since given to another process is not taken for it.
 */
export interface ProcessIdentity {
  readonly pid: number;
  /** Clock ticks since boot at which the process started (Linux `/proc/<pid>/stat` field 22); `undefined` elsewhere. */
  readonly startTime: number | undefined;
}

/** The start time of `pid` in clock ticks since boot, or `undefined` when it is gone or `/proc` is not there. */
export function processStartTime(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[19]);
  return Number.isFinite(ticks) ? ticks : undefined;
}

/** This process's identity. */
export function currentProcess(): ProcessIdentity {
  return { pid: process.pid, startTime: processStartTime(process.pid) };
}

/**
 * Whether the process is still running: the pid exists and, when a start time was recorded and can be read now,
 * it is the same process (not a later one that reused the pid).
 */
export function isAlive(identity: ProcessIdentity): boolean {
  try {
    process.kill(identity.pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (identity.startTime === undefined) return true;
  const now = processStartTime(identity.pid);
  return now === undefined || now === identity.startTime;
}
