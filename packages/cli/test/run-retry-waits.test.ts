import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, main } from '../src/index.js';
import { capture } from './support/io.js';

/** A step that always fails, retried 3 times with a fixed back-off. */
function alwaysFails(backoff: string): string {
  return `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: always-fails }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: extract-orders, template: step }
  - name: step
    retryStrategy: { limit: 3, retryPolicy: OnFailure, backoff: { duration: "${backoff}" } }
    script:
      image: bash:5.2
      command: [bash]
      source: |
        for i in $(seq 1 30); do echo "line $i"; done
        echo "cannot reach the source database" >&2
        exit 1
`;
}

async function runLocal(backoff: string, extra: string[] = []) {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'sluice-cli-waits-'));
  writeFileSync(path.join(cwd, 'wf.yaml'), alwaysFails(backoff));
  const io = capture({ PATH: process.env.PATH }, cwd);
  const started = Date.now();
  const code = await main(['run', 'wf.yaml', '--local', ...extra], io);
  return { code, out: io.out(), ms: Date.now() - started, cwd };
}

describe('workflow run --local: retry waits and the failed-run summary', () => {
  it('prints each retry wait with the step, the attempt and the reason', async () => {
    const { code, out, cwd } = await runLocal('1s');
    expect(code).toBe(ExitCode.Failed);
    const retries = out.split('\n').filter((l) => l.startsWith('retrying '));
    expect(retries).toEqual([
      'retrying extract-orders in 1.0s (attempt 2 of 4, after: Error (exit code 1))',
      'retrying extract-orders in 1.0s (attempt 3 of 4, after: Error (exit code 1))',
      'retrying extract-orders in 1.0s (attempt 4 of 4, after: Error (exit code 1))',
    ]);
    // The summary and the report show the three 1s waits apart from the attempts' running time.
    const line = /^retried extract-orders: 4 attempts ran (\S+), back-off waits (\d+\.\d)s$/m.exec(out);
    expect(line, out).not.toBeNull();
    expect(Number(line?.[2])).toBeGreaterThanOrEqual(3);
    const report = readFileSync(path.join(cwd, '.sluice/runs/always-fails/report.html'), 'utf8');
    expect(report).toContain(`<td class="num running">${line?.[1]}</td><td class="num waiting">${line?.[2]}s</td>`);
  });

  it('with --no-backoff keeps the retries, skips a 30s back-off, and ends naming the step, its log tail and path', async () => {
    const { code, out, ms } = await runLocal('30s', ['--no-backoff']);
    expect(code).toBe(ExitCode.Failed);
    // Three waits of 30s skipped: well under the 90s they would take.
    expect(ms).toBeLessThan(10_000);
    expect(out.split('\n').filter((l) => l.startsWith('retrying '))).toHaveLength(3);
    expect(out).toContain('retrying extract-orders now (back-off of 30s skipped: --no-backoff) (attempt 2 of 4');
    const summary = out.slice(out.indexOf('\nfailed: '));
    expect(summary).toMatch(
      /^\nfailed: extract-orders \(exit code 1\): Error \(exit code 1\)\n {2}last 20 log line\(s\):\n/,
    );
    expect(summary).toContain('    line 12\n');
    expect(summary).not.toContain('    line 11\n');
    expect(summary).toContain('    cannot reach the source database\n');
    expect(summary).toMatch(/ {2}log: \.sluice\/runs\/always-fails\/logs\/always-fails-\d+\.log\n/);
    // The run's line names the step, not a node id such as always-fails-1425613509.
    expect(out).toContain('\nrun always-fails Failed: step extract-orders failed\n');
    expect(out).not.toMatch(/^run .*always-fails-\d+/m);
  });
});
