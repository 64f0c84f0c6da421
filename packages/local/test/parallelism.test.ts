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

const stamp = `
  - name: stamp
    inputs: { parameters: [{ name: id }] }
    script:
      image: bash:5.2
      command: [bash]
      source: |
        mkdir -p stamps
        start=$(date +%s%3N); sleep 0.1; end=$(date +%s%3N)
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
${stamp}`,
      { cwd, maxParallel: 8 },
    );
    expect(run.status.phase).toBe('Succeeded');
    const p = peak(intervals(path.join(cwd, 'stamps')));
    expect(p).toBeLessThanOrEqual(2);
    expect(p).toBe(2);
  });

  it('bounds every leaf by maxParallel and by spec.parallelism', async () => {
    const wf = (specParallelism: string) => `
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
${stamp}`;
    const one = tempProject();
    await runYaml(wf(''), { cwd: one, maxParallel: 3 });
    expect(peak(intervals(path.join(one, 'stamps')))).toBe(3);
    const two = tempProject();
    await runYaml(wf('parallelism: 1'), { cwd: two, maxParallel: 4 });
    expect(peak(intervals(path.join(two, 'stamps')))).toBe(1);
  });
});
