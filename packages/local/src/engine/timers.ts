/** Waits `ms`, or less when `signal` aborts first; resolves true when the full time passed. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A signal that aborts with `reason` after `ms` (its timer does not keep the process alive). */
export function timeoutAfter(ms: number, reason: string): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(reason), ms);
  timer.unref();
  return controller.signal;
}
