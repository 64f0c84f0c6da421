/**
 * Resolves once `condition` holds, polling every 5 ms; fails after 30 s (only a failing test waits that long, and a
 * busy machine may need several seconds). Tests wait on events this way, not sleeps.
 */
export async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 30 s');
    await new Promise((r) => setTimeout(r, 5));
  }
}
