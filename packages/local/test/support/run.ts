import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NodeStatus } from '@sluice/argo-types';
import yaml from 'yaml';
import { type RunOptions, type RunResult, runWorkflow } from '../../src/index.js';

/** A fresh temporary project directory. */
export function tempProject(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'sluice-local-'));
}

/** Runs a YAML workflow in a fresh temporary project, without the report unless asked. */
export async function runYaml(text: string, options: RunOptions = {}): Promise<RunResult & { cwd: string }> {
  const cwd = options.cwd ?? tempProject();
  const result = await runWorkflow(
    yaml.parseAllDocuments(text).map((d) => d.toJS() as unknown),
    {
      report: false,
      killGraceMs: 200,
      ...options,
      cwd,
    },
  );
  return { ...result, cwd };
}

/** The nodes of a run by display name (the last one wins when a name repeats). */
export function byName(result: RunResult): Record<string, NodeStatus> {
  const out: Record<string, NodeStatus> = {};
  for (const n of Object.values(result.status.nodes ?? {})) out[n.displayName ?? n.name] = n;
  return out;
}

/** The value of a node's output parameter. */
export function param(node: NodeStatus | undefined, name: string): string | undefined {
  return node?.outputs?.parameters?.find((p) => p.name === name)?.value;
}
