import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { container, dag, expr, workflowArguments } from '../src/index.js';

const flip = container({
  name: 'flip-coin',
  outputs: { parameters: { modelUri: { valueFrom: { path: '/tmp/m' } } } },
  container: { image: 'busybox:1.36' },
});

describe('expr(): the expression form of a reference', () => {
  it('renders handles, inputs and workflow parameters without braces, brackets for names that are not identifiers', () => {
    dag({ name: 'main', inputs: { parameters: { batchSize: {} } } }, (d) => {
      const f = d.task('flip-coin', flip);
      const g = d.task('heads', flip);
      expect(expr(f.outputs.result)).toBe("tasks['flip-coin'].outputs.result");
      expect(expr(g.outputs.result)).toBe('tasks.heads.outputs.result');
      expect(expr(f.outputs.parameters.modelUri)).toBe("tasks['flip-coin'].outputs.parameters['model-uri']");
      expect(expr(d.inputs.parameters.batchSize)).toBe("inputs.parameters['batch-size']");
    });
    expect(expr(workflowArguments({ count: '3' }).parameters.count)).toBe('workflow.parameters.count');
    expect(expr('{{item}}')).toBe('item');
  });

  it('infers a dependency from an expression-form reference in `when`', () => {
    const main = dag('main', (d) => {
      const f = d.task('flip-coin', flip);
      d.task('heads', flip, {}, { when: `{{=${expr(f.outputs.result)} == 'heads'}}` });
    });
    expect(main.toTemplate().dag?.tasks[1]).toMatchObject({
      depends: 'flip-coin',
      when: "{{=tasks['flip-coin'].outputs.result == 'heads'}}",
    });
  });

  it('refuses anything but one reference', () => {
    for (const bad of ['tasks.a.outputs.result', '{{a}} {{b}}', '', '{{}}']) {
      expect(() => expr(bad)).toThrowError(/^expr\(\): expected one reference such as/);
    }
  });

  it('keeps every path segment, in order (property)', () => {
    const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
        const out = expr(`{{${segments.join('.')}}}`);
        // Reading the expression back: dotted identifiers and bracketed names.
        const read = [...out.matchAll(/(?:^|\.)([A-Za-z_$][\w$]*)|\['([^']*)'\]/g)].map((m) => m[1] ?? m[2]);
        expect(read).toEqual(segments);
      }),
    );
  });
});
