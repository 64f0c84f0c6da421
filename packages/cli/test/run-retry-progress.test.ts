import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, main } from '../src/index.js';
import { capture } from './support/io.js';

/** The first attempt of `extract` exits 1, the second succeeds; the retry strategy is customer-features' own. */
const flaky = `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: flaky }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: extract, template: step }
      - { name: load, template: step, depends: extract }
  - name: step
    activeDeadlineSeconds: 7200
    retryStrategy:
      limit: 3
      retryPolicy: Always
      expression: lastRetry.exitCode == '1' || lastRetry.status == 'Error'
    script:
      image: bash:5.2
      command: [bash]
      source: |
        if [ -e tried ]; then exit 0; fi
        touch tried; exit 1
`;

describe('workflow run --local: progress of retries', () => {
  it('prints each attempt under its own name: extract(0) fails, then extract(1) runs and succeeds', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'sluice-cli-retry-'));
    writeFileSync(path.join(cwd, 'flaky.yaml'), flaky);
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'flaky.yaml', '--local'], io)).toBe(ExitCode.Ok);
    const steps = io
      .out()
      .split('\n')
      .filter((l) => l.startsWith('  '))
      // Elapsed times vary; keep the name, the phase and the message.
      .map((l) => l.replace(/ {2}\d+(\.\d)?s\b/, ''));
    expect(steps).toEqual([
      '  extract(0): Running',
      '  extract(0): Failed  Error (exit code 1)',
      '  extract(1): Running',
      '  extract(1): Succeeded',
      '  load(0): Running',
      '  load(0): Succeeded',
    ]);
  });

  it('says which attempt a line is in JSON: retry 0 then retry 1 for the two extract attempts', async () => {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'sluice-cli-retry-'));
    writeFileSync(path.join(cwd, 'flaky.yaml'), flaky);
    const io = capture({ PATH: process.env.PATH }, cwd);
    expect(await main(['run', 'flaky.yaml', '--local', '-o', 'json'], io)).toBe(ExitCode.Ok);
    const events = io
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { node?: string; phase?: string; retry?: number })
      .filter((e) => e.node?.startsWith('extract'));
    expect(events.map((e) => [e.node, e.phase, e.retry])).toEqual([
      ['extract(0)', 'Running', 0],
      ['extract(0)', 'Failed', 0],
      ['extract(1)', 'Running', 1],
      ['extract(1)', 'Succeeded', 1],
    ]);
  });
});
