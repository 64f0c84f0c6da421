import { existsSync, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import yaml from 'yaml';
import { runWorkflow } from '../../src/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Run directories (with the report and its screenshot) are kept here, for CI to collect. */
const runsDir = process.env.SLUICE_TEST_RUNS_DIR ?? path.join(repoRoot, '.sluice', 'runs');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const workflow = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { generateName: report-check- }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: extract, template: ok }
      - { name: validate, depends: extract, template: validate }
      - { name: transform, depends: extract, template: flaky, arguments: { parameters: [{ name: part, value: "{{item}}" }] }, withItems: [a, b] }
      - { name: quarantine, depends: validate.Failed, template: ok }
      - { name: load, depends: validate && transform, template: ok }
      - { name: backfill, depends: extract, template: ok, when: "1 == 2" }
  - name: ok
    script: { image: bash:5.2, command: [bash], source: "echo ok" }
  - name: validate
    outputs:
      parameters:
      - { name: dead-letter-rows, valueFrom: { path: /tmp/sluice/outputs/dead-letter-rows } }
    script: { image: bash:5.2, command: [bash], source: "echo 12 > /tmp/sluice/outputs/dead-letter-rows" }
  - name: flaky
    inputs: { parameters: [{ name: part }] }
    retryStrategy: { limit: "1" }
    script:
      image: bash:5.2
      command: [bash]
      source: |
        [ -e "$SLUICE_CHECKPOINT_DIR/seen" ] || { touch "$SLUICE_CHECKPOINT_DIR/seen"; exit 1; }
`;

describe('report.html in headless Chromium', () => {
  it('renders one node per DAG node with its status, and keeps a screenshot in the run directory', async () => {
    expect(existsSync(chromiumPath), `Chromium not found at ${chromiumPath} (set CHROMIUM_PATH)`).toBe(true);
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'sluice-report-'));
    const pushgateway = process.env.PUSHGATEWAY_TEST_URL;
    const run = await runWorkflow(
      yaml.parseAllDocuments(workflow).map((d) => d.toJS() as unknown),
      {
        cwd,
        runsDir,
        env: { ...process.env, ...(pushgateway ? { PUSHGATEWAY_URL: pushgateway } : {}) },
      },
    );
    expect(run.status.phase).toBe('Succeeded');
    expect(run.warnings).toEqual([]);
    const nodes = Object.values(run.status.nodes ?? {});
    const phases = new Set(nodes.map((n) => n.phase));
    for (const p of ['Succeeded', 'Failed', 'Skipped', 'Omitted']) expect(phases.has(p), p).toBe(true);

    const profile = mkdtempSync(path.join(os.tmpdir(), 'sluice-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: flags,
    });
    try {
      const page = await browser.newPage();
      const requested: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      await page.goto(pathToFileURL(run.reportPath ?? '').href);
      const drawn = await page.$$eval('svg.dag g.node', (gs) =>
        gs.map((g) => ({
          id: g.getAttribute('data-node-id'),
          phase: g.getAttribute('data-phase'),
          text: g.textContent ?? '',
        })),
      );
      expect(drawn).toHaveLength(nodes.length);
      for (const n of nodes) {
        const box = drawn.find((d) => d.id === n.id);
        expect(box?.phase, n.displayName).toBe(n.phase);
        expect(box?.text).toContain(n.phase);
      }
      // Boxes are laid out, visible and do not overlap.
      const rects = await page.$$eval('svg.dag g.node > rect:first-of-type', (rs) =>
        rs.map((r) => {
          const b = r.getBoundingClientRect();
          return { x: b.x, y: b.y, w: b.width, h: b.height };
        }),
      );
      for (const [i, a] of rects.entries()) {
        expect(a.w).toBeGreaterThan(0);
        for (const b of rects.slice(i + 1))
          expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
      }
      expect(await page.textContent('body')).toContain('dead-letter-rows');
      expect(await page.$$eval('tr[data-node-id]', (rows) => rows.length)).toBeGreaterThan(0);
      expect(requested.every((u) => u.startsWith('file:'))).toBe(true);
      const shot = path.join(run.runDir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(5_000);
    } finally {
      await browser.close();
    }
    if (pushgateway) {
      const metrics = await (await fetch(`${pushgateway}/metrics`)).text();
      expect(metrics).toMatch(new RegExp(`sluice_workflow_succeeded\\{[^}]*workflow="${run.runId}"[^}]*\\} 1`));
    }
  });
});
