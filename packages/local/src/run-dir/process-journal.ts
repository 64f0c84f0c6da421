import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type ProcessIdentity, processStartTime } from './process-identity.js';

/**
 * Records a step's process group (its leader's pid and start time) in the run's journal, before the step can do
 * anything, so that a runner killed with `kill -9` leaves a list of what it left running.
 */
export function recordProcess(journal: string, pid: number): void {
  const identity: ProcessIdentity = { pid, startTime: processStartTime(pid) };
  appendFileSync(journal, `${JSON.stringify(identity)}\n`);
}

function recorded(journal: string): ProcessIdentity[] {
  let text: string;
  try {
    text = readFileSync(journal, 'utf8');
  } catch {
    return [];
  }
  const out: ProcessIdentity[] = [];
  for (const line of text.split('\n')) {
    try {
      const p = JSON.parse(line) as ProcessIdentity;
      if (Number.isInteger(p.pid) && p.pid > 1) out.push(p);
    } catch {
      // An empty or cut-short line.
    }
  }
  return out;
}

/**
 * Ends the process groups an earlier runner of this run directory left behind (it was killed before it could
 * stop them), and empties the journal. Called with the run's lock held, so no live runner owns them.
 *
 * A group whose leader's pid now belongs to another process (a different start time) is not touched. A group
 * whose leader has exited but whose other members live on is still ended: the kernel does not reuse a pid while
 * a group of that id exists.
 *
 * @returns the pids of the groups that were signalled.
 */
export function endOrphans(journal: string, runDir?: string): number[] {
  const ended: number[] = runDir === undefined ? [] : endByEnvironment(runDir);
  for (const p of recorded(journal)) {
    const now = processStartTime(p.pid);
    if (now !== undefined && p.startTime !== undefined && now !== p.startTime) continue;
    try {
      process.kill(-p.pid, 'SIGKILL');
      ended.push(p.pid);
    } catch {
      // The group is gone.
    }
  }
  writeFileSync(journal, '');
  return ended;
}

/**
 * Ends every process whose environment points into `runDir` (each step gets its run's directories, and its children
 * inherit them). This finds what the journal cannot: a group started in the instant before the runner was killed,
 * or a child that left its group. Linux only (`/proc`); elsewhere it finds nothing.
 */
function endByEnvironment(runDir: string): number[] {
  const marker = `=${runDir}/`;
  const ended: number[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return ended;
  }
  for (const name of pids) {
    const pid = Number(name);
    if (pid === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${name}/environ`, 'latin1').includes(marker)) continue;
      process.kill(pid, 'SIGKILL');
      ended.push(pid);
    } catch {
      // Gone, or not ours to read.
    }
  }
  return ended;
}
