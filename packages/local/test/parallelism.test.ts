import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runYaml, tempProject } from './support/run.js';

/** Most intervals open at once, from `start end` lines (milliseconds). */
function peak(intervals: readonly [number, number][]): number {
  const events = intervals.flatMap(([s, e]) => [
    [s, 1],
    [e, -1],
  ]);
  events.sort((a, b) => (a[0] === b[0] ? (a[1] ?? 0) - (b[1] ?? 0) : (a[0] ?? 0) - (b[0] ?? 0)));
  let open = 0;
  let most = 0;
  for (const [, d] of events) {
    open += d ?? 0;
    most = Math.max(most, open);
  }
  return most;
}

function intervals(dir: string): [number, number][] {
  return readdirSync(dir).map((f) => {
    const [s, e] = readFileSync(path.join(dir, f), 'utf8').trim().split(/\s+/).map(Number);
    return [s ?? 0, e ?? 0];
  });
}

/**
 * A step that records the interval it ran (`start end`, ms) in stamps/<id>. It holds until `want` steps are running
 * at once, or until every one of `total` steps has started: on a busy machine a short step could otherwise end
 * before its peer started, and the test would see less parallelism than the runner allowed.
 */
const stamp = (want: number, total: number) => `
  - name: stamp
    inputs: { parameters: [{ name: id }] }
    script:
      image: bash:5.2
      command: [bash]
      source: |
        mkdir -p stamps running started
        touch "running/{{inputs.parameters.id}}" "started/{{inputs.parameters.id}}"
        start=$(date +%s%3N)
        for i in $(seq 600); do
          [ "$(ls running | wc -l)" -ge ${want} ] && break
          [ "$(ls started | wc -l)" -ge ${total} ] && break
          sleep 0.05
        done
        sleep 0.2
        end=$(date +%s%3N)
        rm "running/{{inputs.parameters.id}}"
        echo "$start $end" > "stamps/{{inputs.parameters.id}}"
`;

describe('parallelism', () => {
  it('never runs more than the template parallelism at once, and does run that many', async () => {
    const cwd = tempProject();
    const run = await runYaml(
      `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: par }
spec:
  entrypoint: main
  templates:
  - name: main
    parallelism: 2
    dag:
      tasks:
      - name: fan
        template: stamp
        arguments: { parameters: [{ name: id, value: "{{item}}" }] }
        withSequence: { count: "5" }
${stamp(2, 5)}`,
      { cwd, maxParallel: 8 },
    );
    expect(run.status.phase).toBe('Succeeded');
    const p = peak(intervals(path.join(cwd, 'stamps')));
    expect(p).toBeLessThanOrEqual(2);
    expect(p).toBe(2);
  });

  it('bounds every leaf by maxParallel and by spec.parallelism', async () => {
    const wf = (specParallelism: string, want: number) => `
apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: { name: bounded }
spec:
  entrypoint: main
  ${specParallelism}
  templates:
  - name: main
    steps:
    - - name: a
        template: stamp
        arguments: { parameters: [{ name: id, value: "a{{item}}" }] }
        withItems: [1, 2]
      - name: b
        template: stamp
        arguments: { parameters: [{ name: id, value: "b{{item}}" }] }
        withItems: [1, 2]
${stamp(want, 4)}`;
    const one = tempProject();
    await runYaml(wf('', 3), { cwd: one, maxParallel: 3 });
    expect(peak(intervals(path.join(one, 'stamps')))).toBe(3);
    const two = tempProject();
    await runYaml(wf('parallelism: 1', 1), { cwd: two, maxParallel: 4 });
    expect(peak(intervals(path.join(two, 'stamps')))).toBe(1);
  });
});
