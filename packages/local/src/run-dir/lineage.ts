import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from './atomic.js';

/**
 * Collects the OpenLineage events the stages wrote to their `SLUICE_LINEAGE_DIR` (`nodes/<id>/lineage/`, files of
 * one JSON event or of JSON lines) into the run's `lineage.jsonl`, in node order. Returns how many were found.
 */
export async function collectLineage(nodesDir: string, target: string): Promise<number> {
  const lines: string[] = [];
  let nodes: string[] = [];
  try {
    nodes = (await readdir(nodesDir)).sort();
  } catch {
    return 0;
  }
  for (const node of nodes) {
    const dir = path.join(nodesDir, node, 'lineage');
    let files: string[];
    try {
      files = (await readdir(dir)).filter((f) => /\.jsonl?$/.test(f)).sort();
    } catch {
      continue;
    }
    for (const file of files) {
      const text = await readFile(path.join(dir, file), 'utf8');
      for (const line of file.endsWith('.jsonl') ? text.split('\n') : [text]) {
        const trimmed = line.trim();
        if (trimmed === '') continue;
        try {
          lines.push(JSON.stringify(JSON.parse(trimmed)));
        } catch {
          // A half-written event (a killed stage) is not lineage.
        }
      }
    }
  }
  if (lines.length > 0) await writeFileAtomic(target, `${lines.join('\n')}\n`);
  return lines.length;
}
