import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { constants } from 'node:os';

/** How a child process ended. */
export interface ProcessResult {
  /** The exit code; 128 + signal number when it was killed by a signal (137 for SIGKILL), -1 if it never ran. */
  readonly exitCode: number;
  /** Standard output, up to {@link maxResultBytes} (the tail), for `outputs.result`. */
  readonly stdout: string;
  /** Why it was stopped by us (deadline, workflow stopping), if it was. */
  readonly killedBecause: string | undefined;
  /** Set when it could not be started at all (e.g. the command does not exist). */
  readonly spawnError: string | undefined;
  /**
   * Set when Node could not load the program (a module not found, a syntax error): what it said. Retrying cannot
   * help, so the runner fails the step at once.
   */
  readonly startupError: string | undefined;
}

/** How much of the start of stderr is kept to recognise a program that could not load. */
const stderrHeadBytes = 16 * 1024;

/**
 * What Node printed when it could not load the program, or `undefined` when the program ran. Node ends an uncaught
 * error with its `Node.js vX` banner; the stage runtime catches everything once the stage runs and exits on its
 * own, so the banner with a module or syntax error means the module never loaded.
 */
export function startupError(stderr: string): string | undefined {
  if (!/^Node\.js v\d+/m.test(stderr)) return undefined;
  const missing = /Cannot find (?:module|package) '[^']+'(?: imported from \S+)?/.exec(stderr);
  if (missing && stderr.includes('ERR_MODULE_NOT_FOUND')) return `ERR_MODULE_NOT_FOUND: ${missing[0]}`;
  const syntax =
    /^SyntaxError: .*$/m.exec(stderr) ?? /^.*Transform failed with \d+ errors?:?[\s\S]*?ERROR: .*$/m.exec(stderr);
  if (syntax) return syntax[0].replace(/\s+/g, ' ').trim();
  return undefined;
}

/**
 * How long the pipes of a step whose main process has exited are still read: what it wrote is already in the pipe,
 * so this only bounds a process that escaped its group and keeps the pipe open.
 */
const pipeDrainMs = 1000;

/** Argo keeps at most 256 KiB of a step's standard output as `outputs.result`. */
export const maxResultBytes = 256 * 1024;

/** Options of {@link runProcess}. */
export interface RunProcessOptions {
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here. */
  readonly logFile: string;
  /** Stops the process tree (SIGTERM, then SIGKILL after `graceMs`); its reason becomes the message. */
  readonly signal: AbortSignal;
  /** Time between SIGTERM and SIGKILL. */
  readonly graceMs: number;
  /** Called with the pid once started. */
  readonly onStart?: (pid: number) => void;
}

/**
 * Runs a command in its own process group, so that stopping it (deadline, timeout, workflow stop) kills the whole
 * tree it started — as a pod's containers die with the pod.
 */
export function runProcess(options: RunProcessOptions): Promise<ProcessResult> {
  const [command, ...args] = options.argv;
  return new Promise((resolve) => {
    if (command === undefined) {
      resolve({
        exitCode: -1,
        stdout: '',
        killedBecause: undefined,
        spawnError: 'empty command',
        startupError: undefined,
      });
      return;
    }
    const log = createWriteStream(options.logFile, { flags: 'a' });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderrHead = '';
    let killedBecause: string | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let settled = false;
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Recorded at once: the process exists as soon as spawn() returns, and waiting for the 'spawn' event left a
    // window in which a killed runner had started a step group that --resume could not find.
    if (child.pid !== undefined) options.onStart?.(child.pid);
    const finish = (result: ProcessResult) => {
      if (settled) return;
      settled = true;
      if (killTimer) clearTimeout(killTimer);
      options.signal.removeEventListener('abort', stop);
      log.end(() => resolve(result));
    };
    const killGroup = (sig: NodeJS.Signals) => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, sig);
      } catch {
        // The group is already gone.
      }
    };
    const stop = () => {
      if (killedBecause !== undefined) return;
      killedBecause = String(options.signal.reason ?? 'stopped');
      killGroup('SIGTERM');
      killTimer = setTimeout(() => killGroup('SIGKILL'), options.graceMs);
      killTimer.unref();
    };
    child.stdout.on('data', (chunk: Buffer) => {
      log.write(chunk);
      chunks.push(chunk);
      size += chunk.length;
      while (size > maxResultBytes && chunks.length > 1) size -= (chunks.shift() as Buffer).length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (stderrHead.length < stderrHeadBytes) stderrHead += chunk.toString('utf8').slice(0, stderrHeadBytes);
    });
    child.on('error', (error) => {
      finish({
        exitCode: -1,
        stdout: '',
        killedBecause,
        spawnError: `cannot start "${command}": ${error.message}`,
        startupError: undefined,
      });
    });
    // The step ends when its main process exits, as a pod's does: whatever it left running in its group is killed,
    // so a background child holding stdout cannot keep the step Running. A process that left the group (setsid)
    // and still holds the pipes is cut off after a moment.
    child.on('exit', () => {
      killGroup('SIGKILL');
      const cutOff = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, pipeDrainMs);
      cutOff.unref();
      child.once('close', () => clearTimeout(cutOff));
    });
    child.on('close', (code, sig) => {
      const exitCode = code ?? (sig ? 128 + (constants.signals[sig] ?? 0) : -1);
      const stdout = Buffer.concat(chunks).toString('utf8');
      finish({
        exitCode,
        stdout: stdout.slice(-maxResultBytes),
        killedBecause,
        spawnError: undefined,
        startupError: exitCode !== 0 && killedBecause === undefined ? startupError(stderrHead) : undefined,
      });
    });
    if (options.signal.aborted) stop();
    else options.signal.addEventListener('abort', stop, { once: true });
  });
}
