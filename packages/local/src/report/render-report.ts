import type { NodeStatus, WorkflowStatus } from '@sluice/argo-types';
import type { StepPlacement } from '../engine/step-engine.js';
import { escapeHtml as e } from './escape.js';
import { layoutGraph } from './layout.js';
import { type RetryTime, retryTimes } from './retry-time.js';
import type { StageCount } from './stage-counts.js';

/**
 * What the report shows.
 * @example
 * ```ts
 * import { renderReport, type ReportInput } from '@sluice/local';
 *
 * const input: ReportInput = {
 *   workflow: 'customer-features',
 *   status: { phase: 'Succeeded', startedAt: '2026-06-17T03:00:00Z', finishedAt: '2026-06-17T03:04:10Z' },
 *   counts: [],
 *   generatedAt: '2026-06-17T03:04:11Z',
 * };
 * const html = renderReport(input);
 * ```
 */
export interface ReportInput {
  readonly workflow: string;
  readonly status: WorkflowStatus;
  /** Dead-letter and validation counts (see {@link stageCounts}). */
  readonly counts: readonly StageCount[];
  /** When the report was written (ISO time). */
  readonly generatedAt: string;
  /** Where each step ran, by node id, when a container engine ran it: engine, image and digest. */
  readonly placements?: Readonly<Record<string, StepPlacement>>;
}

const colours: Readonly<Record<string, string>> = {
  Succeeded: '#1e9e5a',
  Failed: '#d64545',
  Error: '#8f1d1d',
  Running: '#2f74d0',
  Pending: '#8a94a6',
  Skipped: '#b8bfcc',
  Omitted: '#d5d9e0',
};

const boxW = 190;
const boxH = 46;
const gapX = 24;
const gapY = 40;

/** Seconds between two times, or since `start` for a running node. */
function durationOf(node: { startedAt?: string; finishedAt?: string }, now: number): number {
  if (!node.startedAt) return 0;
  const end = node.finishedAt ? Date.parse(node.finishedAt) : now;
  return Math.max(0, (end - Date.parse(node.startedAt)) / 1000);
}

/**
 * `850ms`, `12.3s`, `4m05s`, `1h02m`.
 * @example
 * ```ts
 * import { formatDuration } from '@sluice/local';
 *
 * formatDuration(250); // '4m10s'
 * ```
 */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function graph(status: WorkflowStatus, now: number): string {
  const nodes = (status.nodes ?? {}) as Record<string, NodeStatus>;
  const layout = layoutGraph(nodes);
  const width = layout.width * (boxW + gapX) + gapX;
  const height = layout.depth * (boxH + gapY) + gapY;
  const layerSizes = new Map<number, number>();
  for (const p of layout.placed) layerSizes.set(p.layer, Math.max(layerSizes.get(p.layer) ?? 0, p.slot + 1));
  const pos = new Map<string, { x: number; y: number }>();
  for (const p of layout.placed) {
    const offset = ((layout.width - (layerSizes.get(p.layer) ?? 1)) * (boxW + gapX)) / 2;
    pos.set(p.node.id, { x: gapX + offset + p.slot * (boxW + gapX), y: gapY / 2 + p.layer * (boxH + gapY) });
  }
  const edges = layout.edges
    .map(([from, to]) => {
      const a = pos.get(from);
      const b = pos.get(to);
      if (!a || !b) return '';
      const x1 = a.x + boxW / 2;
      const y1 = a.y + boxH;
      const x2 = b.x + boxW / 2;
      const y2 = b.y;
      const my = (y1 + y2) / 2;
      return `<path class="edge" d="M${x1},${y1} C${x1},${my} ${x2},${my} ${x2},${y2}" />`;
    })
    .join('');
  const boxes = layout.placed
    .map(({ node }) => {
      const p = pos.get(node.id) ?? { x: 0, y: 0 };
      const phase = node.phase ?? 'Pending';
      const colour = colours[phase] ?? '#8a94a6';
      const label = truncate(node.displayName ?? node.name, 26);
      const detail = `${node.type} · ${phase}${node.startedAt ? ` · ${formatDuration(durationOf(node, now))}` : ''}`;
      const title = [
        `${node.name}`,
        `${node.type} ${phase}`,
        node.templateName ? `template ${node.templateName}` : '',
        node.message ?? '',
      ]
        .filter(Boolean)
        .join('\n');
      return (
        `<g class="node" data-node-id="${e(node.id)}" data-phase="${e(phase)}" data-type="${e(node.type)}" transform="translate(${p.x},${p.y})">` +
        `<title>${e(title)}</title>` +
        `<rect width="${boxW}" height="${boxH}" rx="8" fill="#fff" stroke="${colour}" stroke-width="2" />` +
        `<rect width="8" height="${boxH}" rx="3" fill="${colour}" />` +
        `<text x="16" y="19" class="label">${e(label)}</text>` +
        `<text x="16" y="36" class="detail">${e(detail)}</text></g>`
      );
    })
    .join('');
  // Wide graphs (a 16-way fan-out) shrink to the page, down to half size, then scroll.
  return `<svg class="dag" style="width:max(100%,${Math.round(width / 2)}px);max-width:${width}px" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMidYMin meet" role="img" aria-label="workflow graph">${edges}${boxes}</svg>`;
}

function timeline(status: WorkflowStatus, now: number): string {
  const leaves = (Object.values(status.nodes ?? {}) as NodeStatus[])
    .filter((n) => (n.type === 'Pod' || n.type === 'Suspend') && n.startedAt)
    .sort((a, b) => Date.parse(a.startedAt ?? '') - Date.parse(b.startedAt ?? ''));
  if (leaves.length === 0) return '<p>No steps ran.</p>';
  const t0 = Date.parse(status.startedAt ?? leaves[0]?.startedAt ?? '');
  const t1 = Math.max(t0 + 1, ...leaves.map((n) => (n.finishedAt ? Date.parse(n.finishedAt) : now)));
  const rowH = 18;
  const labelW = 240;
  const barW = 640;
  const scale = barW / (t1 - t0);
  const rows = leaves
    .map((n, i) => {
      const start = Date.parse(n.startedAt ?? '');
      const end = n.finishedAt ? Date.parse(n.finishedAt) : now;
      const x = labelW + (start - t0) * scale;
      const w = Math.max(2, (end - start) * scale);
      const colour = colours[n.phase ?? 'Pending'] ?? '#8a94a6';
      const y = i * rowH;
      return (
        `<g class="span" data-node-id="${e(n.id)}"><text x="0" y="${y + 13}" class="detail">${e(truncate(n.displayName ?? n.name, 34))}</text>` +
        `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 6}" rx="2" fill="${colour}"><title>${e(
          `${n.displayName ?? n.name}: ${formatDuration((end - start) / 1000)}`,
        )}</title></rect></g>`
      );
    })
    .join('');
  const height = leaves.length * rowH + 20;
  const axis = `<text x="${labelW}" y="${height - 4}" class="detail">0s</text><text x="${labelW + barW}" y="${height - 4}" text-anchor="end" class="detail">${e(
    formatDuration((t1 - t0) / 1000),
  )}</text>`;
  return `<svg class="timeline" width="${labelW + barW + 10}" height="${height}">${rows}${axis}</svg>`;
}

function retries(status: WorkflowStatus, retried: readonly RetryTime[]): string {
  const nodes = (status.nodes ?? {}) as Record<string, NodeStatus>;
  const retryNodes = Object.values(nodes).filter((n) => n.type === 'Retry');
  if (retryNodes.length === 0) return '<p>No node has a retry strategy.</p>';
  const times = new Map(retried.map((t) => [t.id, t]));
  const rows = retryNodes
    .map((n) => {
      const attempts = (n.children ?? []).map((id) => nodes[id]).filter((a) => a !== undefined);
      const detail = attempts
        .map(
          (a) =>
            `<span class="pill" style="border-color:${colours[a.phase ?? ''] ?? '#999'}">${e(a.phase ?? '')}${a.outputs?.exitCode ? ` (exit ${e(a.outputs.exitCode)})` : ''}</span>`,
        )
        .join(' ');
      const time = times.get(n.id);
      const running = time ? formatDuration(time.runningMs / 1000) : '';
      const waiting = time ? formatDuration(time.waitingMs / 1000) : '';
      return `<tr data-node-id="${e(n.id)}"><td>${e(n.displayName ?? n.name)}</td><td>${attempts.length}</td><td>${e(n.phase ?? '')}</td><td class="num running">${e(running)}</td><td class="num waiting">${e(waiting)}</td><td>${detail}</td><td>${e(n.message ?? '')}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th>node</th><th>attempts</th><th>phase</th><th>running</th><th>waiting (back-off)</th><th>attempts' results</th><th>message</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function counts(list: readonly StageCount[]): string {
  if (list.length === 0) return '<p>No stage reported dead-letter or validation counts.</p>';
  const rows = list
    .map(
      (c) =>
        `<tr class="count" data-name="${e(c.name)}"><td>${e(c.node)}</td><td>${e(c.name)}</td><td class="num">${e(String(c.value))}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>node</th><th>count</th><th>value</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function placementCell(p: StepPlacement | undefined): string {
  if (p === undefined) return '<td>host</td>';
  return `<td class="placement">${e(p.engine)} ${e(p.image)}${p.digest ? ` <code>${e(p.digest.slice(0, 19))}</code>` : ''}${p.note ? ` (${e(p.note)})` : ''}</td>`;
}

function nodesTable(status: WorkflowStatus, now: number, placements?: Readonly<Record<string, StepPlacement>>): string {
  const engines = placements !== undefined && Object.keys(placements).length > 0;
  const rows = (Object.values(status.nodes ?? {}) as NodeStatus[])
    .filter((n) => n.type === 'Pod' || n.type === 'Suspend' || n.type === 'Skipped')
    .map(
      (n) =>
        `<tr data-node-id="${e(n.id)}" data-phase="${e(n.phase ?? '')}"><td>${e(n.displayName ?? n.name)}</td><td>${e(n.templateName ?? '')}</td><td><span class="dot" style="background:${
          colours[n.phase ?? ''] ?? '#999'
        }"></span>${e(n.phase ?? '')}</td><td class="num">${e(n.startedAt ? formatDuration(durationOf(n, now)) : '')}</td>${engines ? placementCell(placements[n.id]) : ''}<td>${e(n.message ?? '')}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th>step</th><th>template</th><th>phase</th><th>duration</th>${engines ? '<th>runs in</th>' : ''}<th>message</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const css = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1d2433;background:#f6f7f9}
h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px}
.summary{display:flex;gap:16px;flex-wrap:wrap;margin:12px 0}
.card{background:#fff;border:1px solid #e1e4ea;border-radius:8px;padding:8px 14px}
.card b{display:block;font-size:18px}
.scroll{overflow:auto;background:#fff;border:1px solid #e1e4ea;border-radius:8px;padding:8px}
svg text.label{font:600 12px system-ui,sans-serif;fill:#1d2433}
svg text.detail{font:11px system-ui,sans-serif;fill:#5b6475}
svg .edge{fill:none;stroke:#a3acbb;stroke-width:1.5}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border-bottom:1px solid #e9ecf1;padding:4px 8px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px}
.pill{border:1px solid;border-radius:10px;padding:0 6px;font-size:12px}
.phase{font-weight:600}
`;

/**
 * Renders the run report: a single self-contained HTML page (inline CSS and SVG, no scripts, no network) with
 * the workflow graph (one box per status node, coloured by phase, with its duration), a timeline of the steps,
 * the retries (each retried step's running time apart from its back-off waits), the dead-letter and validation
 * counts, and every step's phase and message. Every text from the workflow is escaped.
 * @example
 * ```ts
 * import fs from 'node:fs';
 * import { renderReport } from '@sluice/local';
 *
 * const html = renderReport({
 *   workflow: 'customer-features',
 *   status: { phase: 'Failed', message: 'child "load" failed' },
 *   counts: [],
 *   generatedAt: new Date().toISOString(),
 * });
 * fs.writeFileSync('/tmp/report.html', html);
 * ```
 */
export function renderReport(input: ReportInput): string {
  const { status } = input;
  const now = Date.parse(input.generatedAt);
  const nodes = Object.values(status.nodes ?? {}) as NodeStatus[];
  const pods = nodes.filter((n) => n.type === 'Pod');
  const phase = status.phase ?? 'Running';
  const retried = retryTimes(status, now);
  const cards = [
    ['phase', `<span class="phase" style="color:${colours[phase] ?? '#333'}">${e(phase)}</span>`],
    ['duration', e(formatDuration(durationOf(status, now)))],
    ['steps', `${pods.filter((n) => n.phase === 'Succeeded').length} / ${pods.length} succeeded`],
    ['retried', String(retried.length)],
    ['retry waits', e(formatDuration(retried.reduce((sum, r) => sum + r.waitingMs, 0) / 1000))],
    [
      'dead-letter rows',
      String(input.counts.filter((c) => c.name === 'dead-letter-rows').reduce((a, c) => a + c.value, 0)),
    ],
  ]
    .map(([k, v]) => `<div class="card">${e(k ?? '')}<b>${v}</b></div>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(input.workflow)} · Sluice run report</title><style>${css}</style></head>
<body data-phase="${e(phase)}">
<h1>${e(input.workflow)}</h1>
<div>Run report, written ${e(input.generatedAt)}${status.message ? ` · ${e(status.message)}` : ''}</div>
<div class="summary">${cards}</div>
<h2>Graph</h2><div class="scroll">${graph(status, now)}</div>
<h2>Timeline</h2><div class="scroll">${timeline(status, now)}</div>
<h2>Retries</h2>${retries(status, retried)}
<h2>Dead letters and validation</h2>${counts(input.counts)}
<h2>Steps</h2>${nodesTable(status, now, input.placements)}
</body></html>
`;
}
