/**
 * Guards the import of a user's entry module: the CLI runs their module's top level in its own process, so a
 * `process.exit()`, a top-level `await` that never settles or a timer left running would otherwise end or hang
 * `workflow` with no word about why.
 */

/** The default bound on how long an entry's top level may take, in seconds (`SLUICE_ENTRY_TIMEOUT_SECONDS`). */
export const defaultEntryTimeoutSeconds = 60;

/** Something the entry's top level did that a module defining workflows must not do. */
export class EntryGuardError extends Error {
  override readonly name = 'EntryGuardError';
}

function timeoutSeconds(env: NodeJS.ProcessEnv): number {
  const raw = env.SLUICE_ENTRY_TIMEOUT_SECONDS;
  if (raw === undefined || raw === '') return defaultEntryTimeoutSeconds;
  const seconds = Number(raw);
  if (!(seconds > 0)) {
    throw new EntryGuardError(`SLUICE_ENTRY_TIMEOUT_SECONDS must be a number of seconds > 0, got "${raw}"`);
  }
  return seconds;
}

/** How many timers keep the event loop alive now (unref'd ones do not count). */
function liveTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

/**
 * Runs `load` (the dynamic import of an entry) with three guards, each an {@link EntryGuardError} that says what
 * the entry did:
 * - a `process.exit()` call while it loads throws at the call instead of ending `workflow`;
 * - a top-level `await` that nothing can ever settle (the event loop ran empty) or that is still waiting after
 *   `SLUICE_ENTRY_TIMEOUT_SECONDS` (default 60) is reported instead of Node's silent exit 13 or a hang;
 * - a timer the entry left running (a `setInterval` at top level), which would keep `workflow` from exiting.
 *
 * @example
 * ```ts
 * const exports = await guardEntryImport(() => import(url), process.env);
 * ```
 */
export async function guardEntryImport<T>(load: () => Promise<T>, env: NodeJS.ProcessEnv): Promise<T> {
  const seconds = timeoutSeconds(env);
  const realExit = process.exit;
  const timersBefore = liveTimers();
  let deadline: NodeJS.Timeout | undefined;
  let onEmpty: (() => void) | undefined;
  const stalled = new Promise<never>((_, reject) => {
    // Unref'd: the deadline alone must not keep the loop alive, so an await nothing will settle empties it.
    deadline = setTimeout(
      () =>
        reject(
          new EntryGuardError(
            `its top level was still running after ${seconds} s (a top-level await that does not settle?): ` +
              'an entry should only build and export workflows; raise SLUICE_ENTRY_TIMEOUT_SECONDS if it needs longer',
          ),
        ),
      seconds * 1000,
    );
    deadline.unref();
    onEmpty = () =>
      reject(
        new EntryGuardError(
          'its top-level await never settles (it waits for something nothing will do, e.g. `await new Promise(() => {})`): ' +
            'remove that await or make sure it resolves',
        ),
      );
    process.once('beforeExit', onEmpty);
  });
  process.exit = ((code?: number | string | null) => {
    throw new EntryGuardError(
      `it calls process.exit(${code ?? ''}) while it is being loaded: an entry should only build and export ` +
        'workflows; throw an error instead, and `workflow` will report it',
    );
  }) as typeof process.exit;
  let loaded: T;
  try {
    loaded = await Promise.race([load(), stalled]);
  } finally {
    process.exit = realExit;
    clearTimeout(deadline);
    if (onEmpty !== undefined) process.off('beforeExit', onEmpty);
  }
  const left = liveTimers() - timersBefore;
  if (left > 0) {
    throw new EntryGuardError(
      `it leaves ${left} timer${left === 1 ? '' : 's'} running after it is loaded (a setInterval or setTimeout at ` +
        'top level), which would keep `workflow` from exiting: start timers inside a function that runs later, or unref() them',
    );
  }
  return loaded;
}
