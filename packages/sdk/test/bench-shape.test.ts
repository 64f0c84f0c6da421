import { describe, expect, it } from 'vitest';
import { buildBenchWorkflow, buildFloorModel } from '../../../bench/compile.js';

describe('the bench:compile workflow', () => {
  it('has N container templates, then the DAG, each task depending on the two before it', () => {
    const wf = buildBenchWorkflow(5).toObject();
    expect(wf.metadata).toEqual({ generateName: 'hera-bench-dag-' });
    expect(wf.spec.entrypoint).toBe('main');
    expect(wf.spec.templates?.map((t) => t.name)).toEqual(['step-0', 'step-1', 'step-2', 'step-3', 'step-4', 'main']);
    const tasks = wf.spec.templates?.[5]?.dag?.tasks ?? [];
    expect(tasks.map((t) => t.depends)).toEqual([
      undefined,
      'task-0',
      'task-0 && task-1',
      'task-1 && task-2',
      'task-2 && task-3',
    ]);
    expect(tasks[3]?.arguments).toEqual({ parameters: [{ name: 'shard', value: 'shard-3' }] });
    expect(wf.spec.templates?.[2]).toEqual({
      name: 'step-2',
      inputs: { parameters: [{ name: 'shard' }] },
      container: {
        image: 'python:3.12-slim',
        command: ['python', '-c'],
        args: ["print('{{inputs.parameters.shard}}')"],
        resources: { limits: { cpu: '1', memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } },
      },
    });
  });

  it('writes byte-identical YAML on every build', () => {
    expect(buildBenchWorkflow(50).toYaml()).toBe(buildBenchWorkflow(50).toYaml());
  });

  it('has a floor made of exactly its templates and tasks, frozen, so the two ratios compare like with like', () => {
    const wf = buildBenchWorkflow(7).toObject();
    const floor = buildFloorModel(7);
    expect(floor.templates).toEqual(wf.spec.templates?.slice(0, 7));
    expect(floor.tasks).toEqual(wf.spec.templates?.[7]?.dag?.tasks);
    expect(Object.isFrozen(floor.tasks[3])).toBe(true);
    expect(Object.isFrozen((floor.templates[2] as { container: { command: string[] } }).container.command)).toBe(true);
  });
});
