import { container, steps, workflow, workflowArguments } from '@sluice/sdk';

const args = workflowArguments({ count: '3' });

const echo = container({
  name: 'echo',
  inputs: { parameters: { msg: {} } },
  container: (io) => ({ image: 'alpine:3.23', command: ['echo', io.inputs.parameters.msg] }),
});

const loopsSequence = steps('loops-sequence', (s) => {
  s.parallel((g) => {
    g.step('sequence-count', echo, { msg: '{{item}}' }, { withSequence: { count: '5' } });
    g.step('sequence-start-end', echo, { msg: '{{item}}' }, { withSequence: { start: '100', end: '105' } });
    g.step(
      'sequence-param',
      echo,
      { msg: '{{item}}' },
      { withSequence: { start: '200', count: args.parameters.count } },
    );
    g.step('sequence-negative', echo, { msg: '{{item}}' }, { withSequence: { start: '5', end: '0' } });
    g.step('sequence-format', echo, { msg: '{{item}}' }, { withSequence: { count: '5', format: 'testuser%02X' } });
  });
});

/** `withSequence`: counts, ranges (also descending), a count from a workflow parameter, and printf formats. */
export default workflow({
  generateName: 'loops-sequence-',
  labels: { 'workflows.argoproj.io/no-test': 'environment' },
})
  .arguments(args)
  .entrypoint(loopsSequence);
