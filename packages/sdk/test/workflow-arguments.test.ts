import { describe, expect, it } from 'vitest';
import { container, workflow, workflowArguments } from '../src/index.js';

describe('workflowArguments(): typed workflow parameters', () => {
  it('gives references to what it declares and sets them as the workflow arguments', () => {
    const args = workflowArguments({
      message: 'hello',
      batchSize: 100,
      dryRun: false,
      region: { name: 'aws-region', value: 'eu' },
    });
    expect(args.parameters).toEqual({
      message: '{{workflow.parameters.message}}',
      batchSize: '{{workflow.parameters.batch-size}}',
      dryRun: '{{workflow.parameters.dry-run}}',
      region: '{{workflow.parameters.aws-region}}',
    });
    const print = container({ name: 'print', container: { image: 'busybox:1.36', args: [args.parameters.message] } });
    const obj = workflow('w').arguments(args).entrypoint(print).toObject();
    expect(obj.spec.arguments).toEqual({
      parameters: [
        { name: 'message', value: 'hello' },
        { name: 'batch-size', value: '100' },
        { name: 'dry-run', value: 'false' },
        { name: 'aws-region', value: 'eu' },
      ],
    });
    expect(obj.spec.templates?.[0]?.container?.args).toEqual(['{{workflow.parameters.message}}']);
  });

  it('carries artifacts, and replaces arguments of the same name', () => {
    const args = workflowArguments({ a: '1' }, { data: { raw: { data: 'x' } } });
    const obj = workflow('w').arguments({ a: '0', b: '2' }).arguments(args).toObject();
    expect(obj.spec.arguments).toEqual({
      parameters: [
        { name: 'a', value: '1' },
        { name: 'b', value: '2' },
      ],
      artifacts: [{ name: 'data', raw: { data: 'x' } }],
    });
  });

  it('refuses a value that is not a string, number, boolean or parameter object', () => {
    const bad = JSON.parse('{"x": null}');
    expect(() => workflowArguments(bad)).toThrowError(
      'workflowArguments(): parameter "x" must be a string, number, boolean or parameter object',
    );
  });
});
