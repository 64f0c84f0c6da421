import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

/** Bundles a runner script (a fixture that imports `src/`) so that the trial's many process starts stay cheap. */
export async function bundleRunner(entry: string, name: string): Promise<string> {
  const outfile = path.resolve(import.meta.dirname, '../../node_modules/.cache/sluice-test', `${name}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

/** How a runner process ended. */
export interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A started runner: its process, its end, and the first stdout line matching `pattern` (or `undefined`). */
export function startRunner(
  script: string,
  args: readonly string[],
  pattern: RegExp,
): { child: ChildProcess; ended: Promise<Ended>; line: Promise<string | undefined> } {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let onLine: (line: string | undefined) => void = () => undefined;
  const line = new Promise<string | undefined>((resolve) => {
    onLine = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    const match = stdout.split('\n').find((l) => pattern.test(l));
    if (match !== undefined) onLine(match);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const ended = new Promise<Ended>((resolve) => {
    child.on('close', (code, signal) => {
      onLine(undefined);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, ended, line };
}

/** Whether a process is running (a zombie waiting to be reaped is not). */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}
