import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { byName, param, runYaml, tempProject } from './support/run.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(here, '..');
const stage = path.join(here, 'fixtures/checkpointed-rows.ts');

function workflow(pidFile: string): string {
  const command = JSON.stringify([
    process.execPath,
    '--conditions=source',
    '--import',
    'tsx',
    stage,
    '--param',
    'rows=600',
    '--param',
    'batch=50',
    '--param',
    'pause-ms=40',
    '--param',
    'execution-date=2026-06-17',
    '--param',
    `pid-file=${pidFile}`,
  ]);
  return `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: rows }
spec:
  entrypoint: rows
  templates:
  - name: rows
    metadata: { annotations: { sluice.dev/local-command: '${command}' } }
    retryStrategy: { limit: "2" }
    outputs:
      parameters:
      - { name: row-count, valueFrom: { path: /tmp/sluice/outputs/row-count } }
      - { name: checksum, valueFrom: { path: /tmp/sluice/outputs/checksum } }
      - { name: resumed-from, valueFrom: { path: /tmp/sluice/outputs/resumed-from } }
    container: { image: ghcr.io/acme/stages:1.0.0, command: [node, stages/rows.js] }
`;
}

it('resumes from the checkpoint after a kill -9 mid-write and produces what a clean run produces', async () => {
  const cwd = tempProject();
  const pidFile = path.join(cwd, 'stage.pid');
  const killer = (async () => {
    for (let i = 0; i < 600 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 25));
    process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
  })();
  const killed = await runYaml(workflow(pidFile), { cwd: packageDir, runsDir: path.join(cwd, 'runs') });
  await killer;
  const clean = await runYaml(workflow(path.join(cwd, 'unused.pid')), {
    cwd: packageDir,
    runsDir: path.join(cwd, 'runs'),
  });
  const k = byName(killed);
  expect(k['rows(0)']?.phase).toBe('Failed');
  expect(k['rows(0)']?.outputs?.exitCode).toBe('137');
  expect(k['rows(1)']?.phase).toBe('Succeeded');
  expect(Number(param(k.rows, 'resumed-from'))).toBeGreaterThanOrEqual(100);
  const c = byName(clean);
  expect(param(c.rows, 'resumed-from')).toBe('0');
  expect(param(k.rows, 'row-count')).toBe('600');
  expect(param(k.rows, 'row-count')).toBe(param(c.rows, 'row-count'));
  expect(param(k.rows, 'checksum')).toBe(param(c.rows, 'checksum'));
}, 120_000);
