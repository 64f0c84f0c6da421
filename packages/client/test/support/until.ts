/** Resolves once `condition` holds, polling every 5 ms; fails after 5 s. Tests wait on events this way, not sleeps. */
export async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met within 5 s');
    await new Promise((r) => setTimeout(r, 5));
  }
}
