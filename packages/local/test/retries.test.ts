import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { byName, runYaml, tempProject } from './support/run.js';

describe('retries, exit codes and exit handlers', () => {
  it('passes a stage that fails with exit 1 twice and then succeeds, with limit 2', async () => {
    const cwd = tempProject();
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: flaky }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: flaky, template: flaky }
  - name: flaky
    retryStrategy: { limit: "2", retryPolicy: OnFailure, backoff: { duration: "0.05", factor: "2" } }
    script:
      image: bash:5.2
      command: [bash]
      source: |
        n=$(cat attempts 2>/dev/null || echo 0); echo $((n+1)) > attempts
        echo "retry {{retries}} env $SLUICE_RETRY"
        [ "$n" -ge 2 ] || exit 1
`,
      { cwd },
    );
    expect(run.status.phase).toBe('Succeeded');
    const n = byName(run);
    expect(n.flaky?.type).toBe('Retry');
    expect(n.flaky?.children).toHaveLength(3);
    expect(n['flaky(0)']?.phase).toBe('Failed');
    expect(n['flaky(0)']?.message).toBe('Error (exit code 1)');
    expect(n['flaky(2)']?.outputs?.result).toBe('retry 2 env 2');
    expect(readFileSync(path.join(cwd, 'attempts'), 'utf8').trim()).toBe('3');
  });

  it('does not retry exit 2, omits its dependents, and runs onExit with workflow.status Failed', async () => {
    const cwd = tempProject();
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: fatal }
spec:
  entrypoint: main
  onExit: report
  templates:
  - name: main
    dag:
      tasks:
      - { name: load, template: fatal }
      - { name: train, depends: load, template: ok }
      - { name: publish, depends: train, template: ok }
  - name: fatal
    retryStrategy: { limit: "3", expression: "asInt(lastRetry.exitCode) == 1 && lastRetry.status == 'Failed'" }
    script: { image: bash:5.2, command: [bash], source: "echo x >> attempts; exit 2" }
  - name: ok
    script: { image: bash:5.2, command: [bash], source: "echo ok" }
  - name: report
    script:
      image: bash:5.2
      command: [bash]
      source: |
        cat > exit-report.json <<'END'
        {"status": "{{workflow.status}}", "failures": {{workflow.failures}}}
        END
`,
      { cwd },
    );
    expect(run.status.phase).toBe('Failed');
    const n = byName(run);
    expect(n.load?.children).toHaveLength(1);
    expect(readFileSync(path.join(cwd, 'attempts'), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(n.train?.phase).toBe('Omitted');
    expect(n.publish?.phase).toBe('Omitted');
    const report = JSON.parse(readFileSync(path.join(cwd, 'exit-report.json'), 'utf8'));
    expect(report.status).toBe('Failed');
    expect(report.failures).toEqual([
      expect.objectContaining({ displayName: 'load(0)', phase: 'Failed', templateName: 'fatal' }),
    ]);
    expect(n['fatal.onExit']?.phase).toBe('Succeeded');
  });

  it('kills a stage that outlives activeDeadlineSeconds, with its process tree, and fails it', async () => {
    const cwd = tempProject();
    const started = Date.now();
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: slow }
spec:
  entrypoint: slow
  templates:
  - name: slow
    activeDeadlineSeconds: 1
    script:
      image: bash:5.2
      command: [bash]
      source: |
        sleep 30 &
        echo $! > child.pid
        wait
`,
      { cwd },
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    const n = byName(run);
    expect(n.slow?.phase).toBe('Failed');
    expect(n.slow?.message).toBe('Pod was active on the node longer than the specified deadline');
    expect(run.status.phase).toBe('Failed');
    const pid = Number(readFileSync(path.join(cwd, 'child.pid'), 'utf8'));
    // The grandchild is gone: no process, or a zombie waiting for init to reap it.
    const alive = () => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    for (let i = 0; i < 40 && alive(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
  });

  it('stops the whole workflow at spec.activeDeadlineSeconds and still runs the exit handler', async () => {
    const cwd = tempProject();
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: deadline }
spec:
  entrypoint: main
  activeDeadlineSeconds: 1
  onExit: bye
  templates:
  - name: main
    steps:
    - - { name: wait, template: wait }
    - - { name: never, template: bye }
  - name: wait
    script: { image: bash:5.2, command: [bash], source: "sleep 20" }
  - name: bye
    script: { image: bash:5.2, command: [bash], source: "echo {{workflow.status}} > bye" }
`,
      { cwd },
    );
    expect(run.status.phase).toBe('Failed');
    expect(run.status.message).toBe('Step exceeded its deadline');
    expect(byName(run).never).toBeUndefined();
    expect(readFileSync(path.join(cwd, 'bye'), 'utf8').trim()).toBe('Failed');
  });
});

it('bounds a node and all its retries by the template timeout', async () => {
  const started = Date.now();
  const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: timeout }
spec:
  entrypoint: slow
  templates:
  - name: slow
    timeout: 1s
    retryStrategy: { limit: "5" }
    script: { image: bash:5.2, command: [bash], source: "sleep 0.4; exit 1" }
`);
  expect(Date.now() - started).toBeLessThan(5_000);
  // The entrypoint is the root node, named after the workflow.
  const n = byName(run);
  expect(n.timeout?.type).toBe('Retry');
  expect(n.timeout?.phase).toBe('Failed');
  expect(n.timeout?.children?.length).toBeLessThan(6);
  expect(run.status.phase).toBe('Failed');
});
