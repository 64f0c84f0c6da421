import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { NodeStatus, WorkflowStatus } from '@sluice/argo-types';
import { pushToGateway } from '@sluice/runtime';

function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function seconds(node: { startedAt?: string; finishedAt?: string }): number {
  if (!node.startedAt || !node.finishedAt) return 0;
  return Math.max(0, (Date.parse(node.finishedAt) - Date.parse(node.startedAt)) / 1000);
}

interface Family {
  help?: string;
  type?: string;
  samples: string[];
}

/**
 * Merges Prometheus text expositions, keeping one `# HELP` / `# TYPE` per metric family (stages each write their
 * own file; a family may appear in several).
 */
export function mergeExpositions(texts: readonly string[]): string {
  const families = new Map<string, Family>();
  const family = (name: string): Family => {
    let f = families.get(name);
    if (f === undefined) {
      f = { samples: [] };
      families.set(name, f);
    }
    return f;
  };
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const meta = /^#\s+(HELP|TYPE)\s+(\S+)\s*(.*)$/.exec(line);
      if (meta) {
        const f = family(meta[2] as string);
        if (meta[1] === 'HELP') f.help ??= meta[3];
        else f.type ??= meta[3];
        continue;
      }
      if (line.trim() === '' || line.startsWith('#')) continue;
      const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
      if (name === undefined) continue;
      const base = [...families.keys()].find(
        (k) => name === k || (/^_(bucket|sum|count|total|created)$/.test(name.slice(k.length)) && name.startsWith(k)),
      );
      family(base ?? name).samples.push(line);
    }
  }
  const out: string[] = [];
  for (const [name, f] of families) {
    if (f.samples.length === 0) continue;
    if (f.help !== undefined) out.push(`# HELP ${name} ${f.help}`);
    if (f.type !== undefined) out.push(`# TYPE ${name} ${f.type}`);
    out.push(...f.samples);
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

/** The run's own metrics (workflow and per-node duration, phase, retries), in Prometheus text format. */
export function runMetrics(workflow: string, status: WorkflowStatus): string {
  const nodes = Object.values(status.nodes ?? {}) as NodeStatus[];
  const w = `workflow="${label(workflow)}"`;
  const lines = [
    '# HELP sluice_workflow_duration_seconds Wall time of the local run.',
    '# TYPE sluice_workflow_duration_seconds gauge',
    `sluice_workflow_duration_seconds{${w}} ${seconds(status)}`,
    '# HELP sluice_workflow_succeeded 1 if the run succeeded, else 0.',
    '# TYPE sluice_workflow_succeeded gauge',
    `sluice_workflow_succeeded{${w}} ${status.phase === 'Succeeded' ? 1 : 0}`,
    '# HELP sluice_node_duration_seconds Wall time of each step (pod) node.',
    '# TYPE sluice_node_duration_seconds gauge',
  ];
  const pods = nodes.filter((n) => n.type === 'Pod');
  for (const n of pods) {
    lines.push(
      `sluice_node_duration_seconds{${w},node="${label(n.displayName ?? n.name)}",template="${label(n.templateName ?? '')}",phase="${label(n.phase ?? '')}"} ${seconds(n)}`,
    );
  }
  lines.push(
    '# HELP sluice_node_retries Retries made by each node with a retryStrategy.',
    '# TYPE sluice_node_retries gauge',
  );
  for (const n of nodes.filter((x) => x.type === 'Retry')) {
    lines.push(
      `sluice_node_retries{${w},node="${label(n.displayName ?? n.name)}"} ${Math.max(0, (n.children?.length ?? 1) - 1)}`,
    );
  }
  lines.push('# HELP sluice_nodes Nodes by phase.', '# TYPE sluice_nodes gauge');
  const byPhase = new Map<string, number>();
  for (const n of pods) byPhase.set(n.phase ?? 'Unknown', (byPhase.get(n.phase ?? 'Unknown') ?? 0) + 1);
  for (const [phase, count] of byPhase) lines.push(`sluice_nodes{${w},phase="${label(phase)}"} ${count}`);
  return `${lines.join('\n')}\n`;
}

/** The metric files stages wrote (`nodes/<id>/metrics.prom`), by node id. */
export async function stageMetrics(nodesDir: string, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await Promise.all(
    ids.map(async (id) => {
      try {
        out.set(id, await readFile(path.join(nodesDir, id, 'metrics.prom'), 'utf8'));
      } catch {
        // This stage wrote no metrics.
      }
    }),
  );
  return out;
}

/** How long the run waits for a Pushgateway, like a stage's own push (`SLUICE_METRICS_TIMEOUT_SECONDS` default). */
export const PUSH_TIMEOUT_MS = 2000;

/**
 * Pushes a Prometheus text exposition to a Pushgateway (`PUT <url>/metrics/job/sluice_local/workflow/<name>`),
 * giving up after `timeoutMs`. Credentials in the URL are sent as basic authentication and never shown.
 *
 * @throws {Error} naming the URL (without credentials) and the HTTP status or the timeout when the push fails.
 */
export function pushMetrics(
  url: string,
  workflow: string,
  text: string,
  timeoutMs: number = PUSH_TIMEOUT_MS,
): Promise<void> {
  return pushToGateway(url, 'sluice_local', { workflow }, text, timeoutMs);
}
