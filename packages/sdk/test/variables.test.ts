import { describe, expect, it } from 'vitest';
import { argoVariables, container, dag, item, workflowParameter } from '../src/index.js';

describe('Argo variables', () => {
  it('render workflow parameters with the naming rule, loop items and globals', () => {
    expect(workflowParameter('batchSize')).toBe('{{workflow.parameters.batch-size}}');
    expect(workflowParameter('message')).toBe('{{workflow.parameters.message}}');
    expect(item()).toBe('{{item}}');
    expect(item('src')).toBe('{{item.src}}');
    expect(argoVariables.workflowName).toBe('{{workflow.name}}');
    expect(Object.isFrozen(argoVariables)).toBe(true);
  });

  it('work as task arguments in loops', () => {
    const work = container({
      name: 'work',
      inputs: { parameters: { part: {} } },
      container: { image: 'busybox:1.36' },
    });
    const main = dag(
      'main',
      (d) => void d.task('shard', work, { part: item('id') }, { withItems: [{ id: 'a' }, { id: 'b' }] }),
    );
    expect(main.toTemplate().dag?.tasks?.[0]).toEqual({
      name: 'shard',
      template: 'work',
      arguments: { parameters: [{ name: 'part', value: '{{item.id}}' }] },
      withItems: [{ id: 'a' }, { id: 'b' }],
    });
  });
});
