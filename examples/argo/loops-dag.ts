import { container, dag, workflow } from '@sluice/sdk';

const printMessage = container({
  name: 'print-message',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox', command: ['echo'], args: [io.inputs.parameters.message] }),
});

const loopsDag = dag('loops-dag', (d) => {
  const a = d.task('A', printMessage, { message: 'A' });
  const b = d.task('B', printMessage, { message: '{{item}}' }, { depends: a, withItems: ['foo', 'bar', 'baz'] });
  d.task('C', printMessage, { message: 'C' }, { depends: b });
});

/** A loop inside a DAG: B fans out over three items, and C waits for every one of them. */
export default workflow({
  generateName: 'loops-dag-',
  labels: { 'workflows.argoproj.io/no-test': 'environment' },
}).entrypoint(loopsDag);
