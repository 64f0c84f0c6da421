import { describe, expect, it } from 'vitest';
import { byName, runYaml } from './support/run.js';

const leaves = `
  - name: ok
    script: { image: bash:5.2, command: [bash], source: "echo ok" }
  - name: fail
    script: { image: bash:5.2, command: [bash], source: "exit 1" }
  - name: flip
    inputs: { parameters: [{ name: code }] }
    script: { image: bash:5.2, command: [bash], source: "exit {{inputs.parameters.code}}" }
`;

describe('when, depends and continueOn', () => {
  it('skips a task whose when is false and runs one whose when is true', async () => {
    const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: when }
spec:
  entrypoint: main
  arguments: { parameters: [{ name: coin, value: heads }] }
  templates:
  - name: main
    dag:
      tasks:
      - { name: heads, template: ok, when: "{{workflow.parameters.coin}} == heads" }
      - { name: tails, template: ok, when: "{{workflow.parameters.coin}} == tails" }
      - { name: big, template: ok, when: "5 > 3 && !(2 >= 4)" }
      - { name: after-skip, depends: tails, template: ok }
${leaves}`);
    expect(run.status.phase).toBe('Succeeded');
    const n = byName(run);
    expect(n.heads?.phase).toBe('Succeeded');
    expect(n.tails?.phase).toBe('Skipped');
    expect(n.tails?.message).toBe("when 'heads == tails' evaluated false");
    expect(n.big?.phase).toBe('Succeeded');
    // A bare dependency is satisfied by Skipped, as in Argo.
    expect(n['after-skip']?.phase).toBe('Succeeded');
  });

  it('evaluates depends on .Failed, .Skipped and .AnySucceeded; omits what does not match', async () => {
    const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: depends }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: bad, template: fail }
      - { name: skipped, template: ok, when: "false" }
      - name: some
        template: flip
        arguments: { parameters: [{ name: code, value: "{{item}}" }] }
        withItems: [0, 1]
      - { name: on-failed, depends: bad.Failed, template: ok }
      - { name: on-succeeded, depends: bad.Succeeded, template: ok }
      - { name: on-skipped, depends: skipped.Skipped, template: ok }
      - { name: on-any, depends: some.AnySucceeded, template: ok }
      - { name: on-all-failed, depends: some.AllFailed, template: ok }
${leaves}`);
    const n = byName(run);
    expect(n['on-failed']?.phase).toBe('Succeeded');
    expect(n['on-succeeded']?.phase).toBe('Omitted');
    expect(n['on-succeeded']?.type).toBe('Skipped');
    expect(n['on-skipped']?.phase).toBe('Succeeded');
    expect(n['on-any']?.phase).toBe('Succeeded');
    expect(n['on-all-failed']?.phase).toBe('Omitted');
    // As in Argo, an omitted leaf inherits the failure of its branch: on-succeeded (after bad) fails the DAG.
    expect(n.some?.phase).toBe('Failed');
    expect(run.status.phase).toBe('Failed');
  });

  it('handles a failure that a dependent expects, so the DAG succeeds', async () => {
    const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: handled }
spec:
  entrypoint: main
  templates:
  - name: main
    dag:
      tasks:
      - { name: bad, template: fail }
      - { name: cleanup, depends: bad.Failed || bad.Errored, template: ok }
${leaves}`);
    expect(run.status.phase).toBe('Succeeded');
  });

  it('continues past a failed step or dependency with continueOn', async () => {
    const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: continue }
spec:
  entrypoint: main
  templates:
  - name: main
    steps:
    - - { name: first, template: fail, continueOn: { failed: true } }
      - { name: side, template: ok }
    - - { name: dag, template: inner }
    - - { name: last, template: ok, when: "{{steps.first.status}} == Failed" }
  - name: inner
    dag:
      tasks:
      - { name: a, template: fail, continueOn: { failed: true } }
      - { name: b, dependencies: [a], template: ok }
      - { name: c, dependencies: [b], template: fail }
      - { name: d, dependencies: [c], template: ok }
${leaves}`);
    const n = byName(run);
    expect(n.first?.phase).toBe('Failed');
    expect(n.b?.phase).toBe('Succeeded');
    // c fails without continueOn: d is omitted and the DAG (and so the workflow) fails.
    expect(n.d?.phase).toBe('Omitted');
    expect(n.dag?.phase).toBe('Failed');
    expect(n.last).toBeUndefined();
    expect(run.status.phase).toBe('Failed');
    expect(n['[0]']?.type).toBe('StepGroup');
  });

  it('stops scheduling after a failure with failFast, and not without it', async () => {
    const wf = (failFast: boolean) => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: fast }
spec:
  entrypoint: main
  templates:
  - name: main
    failFast: ${failFast}
    parallelism: 1
    dag:
      tasks:
      - { name: a, template: fail }
      - { name: b, template: ok }
${leaves}`;
    const fast = byName(await runYaml(wf(true)));
    expect(fast.b).toBeUndefined();
    expect(fast.fast?.message).toBe('template has failed or errored children and failFast enabled');
    const slow = byName(await runYaml(wf(false)));
    expect(slow.b?.phase).toBe('Succeeded');
  });
});

it('holds back steps waiting for a parallelism slot once a sibling failed (failFast)', async () => {
  const run = await runYaml(`
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: steps-fast }
spec:
  entrypoint: main
  templates:
  - name: main
    parallelism: 2
    steps:
    - - { name: step1, template: fail }
      - { name: step2, template: slow }
      - { name: step3, template: ok }
  - name: fail
    script: { image: bash:5.2, command: [bash], source: "exit 1" }
  - name: slow
    script: { image: bash:5.2, command: [bash], source: "sleep 0.3" }
  - name: ok
    script: { image: bash:5.2, command: [bash], source: "echo ok" }
`);
  const n = byName(run);
  expect(run.status.phase).toBe('Failed');
  expect(n.step1?.phase).toBe('Failed');
  expect(n.step2?.phase).toBe('Succeeded');
  expect(n.step3).toBeUndefined();
  expect(n['[0]']?.phase).toBe('Failed');
});
