import { StageExitCode } from './errors.js';
import { processRedactor } from './logger.js';
import { writeTerminationMessage } from './termination-message.js';

/** Node's error codes for a program it could not load: retrying the same image cannot help. */
const LOAD_ERROR_CODES: ReadonlySet<string> = new Set([
  'ERR_MODULE_NOT_FOUND',
  'ERR_UNSUPPORTED_DIR_IMPORT',
  'ERR_UNKNOWN_FILE_EXTENSION',
  'ERR_PACKAGE_PATH_NOT_EXPORTED',
  'ERR_INVALID_MODULE_SPECIFIER',
  'ERR_REQUIRE_ESM',
]);

/**
 * Why a stage process could not start, as one line naming the stage, or `undefined` when the error is not one of
 * loading the program (a module or package not found, a syntax error). Node raises these before any of the stage's
 * code runs, so the stage runtime cannot report them itself.
 *
 * @param stage the stage's name (`SLUICE_STAGE`), or the module when the name is unknown.
 * @param module the program Node was loading: a syntax error's message does not name its file.
 * @example
 * ```ts
 * import { startFailure } from '@sluice/runtime/start-guard';
 *
 * startFailure(new SyntaxError('Unexpected token'), 'dedupe-events');
 * // 'stage dedupe-events could not start (fatal, not retried): SyntaxError: Unexpected token'
 * ```
 */
export function startFailure(error: unknown, stage: string, module?: string): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const reason =
    code !== undefined && LOAD_ERROR_CODES.has(code)
      ? `${code}: ${error.message}`
      : error instanceof SyntaxError
        ? `SyntaxError: ${error.message}${module === undefined ? '' : ` (in ${module} or a module it imports)`}`
        : undefined;
  return reason === undefined ? undefined : `stage ${stage} could not start (fatal, not retried): ${reason}`;
}

/**
 * Makes a stage process that Node cannot load exit with {@link StageExitCode.Fatal} (2) and say why, naming the stage,
 * on standard error and as the container's termination message. Without it Node exits 1, which a stage's retry
 * strategy retries with back-off, a crash loop on a missing file. A compiled stage's container command preloads it:
 * `node --import @sluice/runtime/start-guard /app/dist/stages/<file>.js`; importing this module installs it.
 *
 * Once the stage runtime has its own handlers (it installs them when the stage starts), this one steps aside; any
 * other uncaught error before that is printed and exits 1, as Node does.
 *
 * @example
 * ```sh
 * node --import @sluice/runtime/start-guard dist/stages/extract-orders.js --param day=2026-06-17
 * ```
 * or, first thing in a stage entry that cannot use `--import`:
 * ```ts
 * import { installStartGuard } from '@sluice/runtime/start-guard';
 *
 * installStartGuard();
 * ```
 */
export function installStartGuard(): void {
  process.on('uncaughtException', (error) => {
    if (process.listenerCount('uncaughtException') > 1) return;
    const module = process.argv[1];
    const message = startFailure(error, process.env.SLUICE_STAGE || module || 'stage', module);
    process.stderr.write(`${message ?? (error instanceof Error ? (error.stack ?? error.message) : String(error))}\n`);
    if (message === undefined) process.exit(StageExitCode.Retriable);
    const exit = (): never => process.exit(StageExitCode.Fatal);
    writeTerminationMessage(process.env, processRedactor(), message).then(exit, exit);
  });
}

installStartGuard();
