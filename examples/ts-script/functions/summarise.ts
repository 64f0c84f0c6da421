/** What `summarise` publishes. */
export interface Summary {
  total: number;
  report: string;
}

/**
 * Sums the per-shard counts. `rows` is the fan-out's aggregated output: a JSON list with one entry per shard, each
 * a string, as Argo keeps every parameter.
 */
export async function summarise({ day, rows }: { day: string; rows: string[] }): Promise<Summary> {
  const counts = rows.map((r) => {
    const n = Number(r);
    if (!Number.isInteger(n)) throw new Error(`a shard reported ${JSON.stringify(r)} rows, not a whole number`);
    return n;
  });
  const total = counts.reduce((a, b) => a + b, 0);
  console.log(`${day}: ${counts.length} shards, ${total} rows`);
  return { total, report: `${day}: ${total} rows in ${counts.length} shards (largest ${Math.max(...counts)})` };
}
