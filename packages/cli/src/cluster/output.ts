import type { Workflow } from '@sluice/argo-types';
import { printable } from '@sluice/runtime';
import { toJson, toYaml } from '@sluice/sdk';
import { stringify } from 'yaml';
import { UsageError } from '../command.js';

/** The `-o` formats of the cluster commands. */
export type OutputFormat = 'name' | 'json' | 'yaml' | 'wide' | 'table';

/** Reads `-o`; `table` (the default) when not given. */
export function parseOutput(value: string | undefined): OutputFormat {
  if (value === undefined) return 'table';
  if (value === 'name' || value === 'json' || value === 'yaml' || value === 'wide') return value;
  throw new UsageError(`-o/--output must be one of name, json, yaml, wide; got "${value}"`);
}

/** Renders any object as JSON or YAML (the same text `workflow compile` writes), or its `metadata.name`. */
export function formatObject(object: { metadata?: { name?: string } }, format: 'name' | 'json' | 'yaml'): string {
  if (format === 'name') return `${object.metadata?.name ?? ''}\n`;
  return format === 'json' ? toJson(object) : toYaml(object);
}

/**
 * Renders one workflow the way `argo get` does: a summary block (with the node tree for `wide`), or its name,
 * JSON or YAML.
 */
export function formatWorkflow(workflow: Workflow, format: OutputFormat, now = Date.now()): string {
  if (format === 'name' || format === 'json' || format === 'yaml') return formatObject(workflow, format);
  const status = workflow.status ?? {};
  const rows: [string, string | undefined][] = [
    ['Name', workflow.metadata.name],
    ['Namespace', workflow.metadata.namespace],
    ['Status', status.phase || 'Pending'],
    ['Message', status.message === undefined ? undefined : printable(status.message)],
    ['Created', ago(workflow.metadata.creationTimestamp, now)],
    ['Started', status.startedAt],
    ['Finished', status.finishedAt],
    ['Duration', duration(status.startedAt, status.finishedAt, now)],
    ['Progress', status.progress],
  ];
  const parameters = workflow.spec?.arguments?.parameters ?? [];
  let out = rows
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${`${k}:`.padEnd(14)}${v}`)
    .join('\n');
  if (parameters.length > 0) {
    out += `\nParameters:\n${parameters.map((p) => `  ${p.name}: ${p.value ?? ''}`).join('\n')}`;
  }
  const nodes = Object.values(status.nodes ?? {});
  if (format === 'wide' && nodes.length > 0) {
    out += `\n\n${table(
      ['STEP', 'TYPE', 'PHASE', 'DURATION', 'MESSAGE'],
      nodes.map((n) => [
        n.displayName ?? n.name,
        n.type,
        n.phase ?? '',
        duration(n.startedAt, n.finishedAt, now) ?? '',
        printable(n.message ?? ''),
      ]),
    )}`;
  }
  return `${out}\n`;
}

/** Renders workflows as `argo list` does: NAME STATUS AGE DURATION (and NAMESPACE, MESSAGE for `wide`). */
export function formatWorkflowList(workflows: readonly Workflow[], format: OutputFormat, now = Date.now()): string {
  if (format === 'name') return workflows.map((w) => `${w.metadata.name ?? ''}\n`).join('');
  if (format === 'json') return `${JSON.stringify(workflows, null, 2)}\n`;
  if (format === 'yaml') return stringify(workflows, { lineWidth: 0 });
  const wide = format === 'wide';
  const header = wide
    ? ['NAMESPACE', 'NAME', 'STATUS', 'AGE', 'DURATION', 'MESSAGE']
    : ['NAME', 'STATUS', 'AGE', 'DURATION'];
  const rows = workflows.map((w) => {
    const s = w.status ?? {};
    const base = [
      w.metadata.name ?? '',
      s.phase || 'Pending',
      ago(w.metadata.creationTimestamp, now) ?? '',
      duration(s.startedAt, s.finishedAt, now) ?? '',
    ];
    return wide ? [w.metadata.namespace ?? '', ...base, printable(s.message ?? '')] : base;
  });
  return `${table(header, rows)}\n`;
}

/** Left-aligned columns separated by three spaces. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}

function ago(time: string | undefined, now: number): string | undefined {
  if (time === undefined) return undefined;
  const ms = now - Date.parse(time);
  return Number.isNaN(ms) ? undefined : short(Math.max(0, ms));
}

function duration(start: string | undefined, end: string | undefined, now: number): string | undefined {
  if (start === undefined) return undefined;
  const ms = (end === undefined ? now : Date.parse(end)) - Date.parse(start);
  return Number.isNaN(ms) ? undefined : short(Math.max(0, ms));
}

/** 42s, 3m, 2h, 5d — the way kubectl shows ages. */
export function short(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}
