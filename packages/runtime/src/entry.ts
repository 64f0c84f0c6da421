import { realpathSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ObjectSchema, Stage } from './define-stage.js';
import { StageExitCode } from './errors.js';
import { createLogger, processRedactor } from './logger.js';
import { runStage } from './run-stage.js';
import { writeTerminationMessage } from './termination-message.js';

/**
 * Real paths already looked up. Every `defineStage` call checks each file on its call stack, and a pipeline that
 * imports many stages would otherwise ask the file system for the same few files again and again.
 */
const realPaths = new Map<string, string>();

function realFile(file: string): string | undefined {
  const known = realPaths.get(file);
  if (known !== undefined) return known;
  try {
    const path = file.startsWith('file:') ? fileURLToPath(file.replace(/[?#].*$/, '')) : file;
    const real = realpathSync(path);
    realPaths.set(file, real);
    return real;
  } catch {
    return undefined;
  }
}

/**
 * The files on the synchronous part of the call stack, read from V8's structured call sites (not the source-mapped
 * text). Async frames are left out: a host that awaits an import of the pipeline at its top level (the `workflow`
 * command loading `pipeline.ts` through tsx) shows up as one, and it is not the module being evaluated — counting
 * it made the runtime import the host again and run the whole command twice.
 */
function callerFiles(): string[] {
  const original = Error.prepareStackTrace;
  const limit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 64;
    Error.prepareStackTrace = (_error, sites) => sites;
    const sites = new Error().stack as unknown as NodeJS.CallSite[];
    return sites
      .filter((site) => !site.isAsync())
      .map((site) => site.getFileName())
      .filter((name): name is string => typeof name === 'string');
  } catch {
    return [];
  } finally {
    Error.prepareStackTrace = original;
    Error.stackTraceLimit = limit;
  }
}

/** The process entry's real path, or `undefined` when there is none (REPL, `node -e`). */
function entryFile(): string | undefined {
  const entry = process.argv[1];
  if (entry === undefined || entry === '') return undefined;
  return realFile(entry);
}

/**
 * Whether this is the main thread (a worker thread's `argv` names the main thread's entry, not its own). Asked last:
 * `node:worker_threads` costs a few milliseconds to load, which a process that merely imports stages (`workflow
 * compile`) need not pay.
 */
function isMainThread(): boolean {
  return process.getBuiltinModule('node:worker_threads').isMainThread;
}

/**
 * Called by `defineStage`: runs the stage as the process entry when — and only when — the module whose default
 * export it is was started as the process entry (`node stage.js`, `node --import tsx stage.ts`).
 *
 * Two checks, both required: the entry file is on the call stack of `defineStage` (cheap, and true only while the
 * entry module itself is being evaluated), and after that module finished evaluating, its default export is this
 * very stage. A pipeline that imports the stage for its types is never the entry module's default export, so
 * nothing runs there; `SLUICE_STAGE_AUTORUN=0` turns the mechanism off entirely.
 */
export function scheduleEntryRun<P extends ObjectSchema, O extends ObjectSchema>(stage: Stage<string, P, O>): void {
  if (process.env.SLUICE_STAGE_AUTORUN === '0') return;
  const entry = entryFile();
  if (entry === undefined) return;
  if (!callerFiles().some((file) => realFile(file) === entry) || !isMainThread()) return;
  // The entry module is being evaluated: import() returns its namespace once evaluation has finished.
  setImmediate(() => {
    import(pathToFileURL(entry).href).then(
      (namespace: { default?: unknown }) => {
        // A CommonJS entry compiled from `export default` shows up as `{ default: { default: stage } }`.
        const exported = namespace.default;
        const nested = typeof exported === 'object' && exported !== null ? Reflect.get(exported, 'default') : undefined;
        if (exported === stage || nested === stage) void runAsEntry(stage);
      },
      () => undefined,
    );
  });
}

async function runAsEntry<P extends ObjectSchema, O extends ObjectSchema>(stage: Stage<string, P, O>): Promise<void> {
  // The same redactor as the stage's logger: it knows every secret the stage has read so far.
  const redactor = processRedactor();
  const log = createLogger({ stage: stage.name }, redactor);
  let crashed = false;
  const crash = (error: unknown): void => {
    if (crashed) return;
    crashed = true;
    const message = `unexpected exception outside run(): ${error instanceof Error ? error.message : String(error)}`;
    log.error(message, { stack: error instanceof Error ? error.stack : undefined, exitCode: StageExitCode.Retriable });
    const exit = (): never => process.exit(StageExitCode.Retriable);
    writeTerminationMessage(process.env, redactor, message).then(exit, exit);
    // A termination log that cannot be written in time must not keep the stage from exiting.
    setTimeout(exit, 2000);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  let code: StageExitCode;
  try {
    code = await runStage(stage);
  } catch (error) {
    crash(error);
    return;
  }
  // Exit now: a pool or socket the stage left open must not keep the pod (and the retry) waiting.
  process.exit(code);
}
