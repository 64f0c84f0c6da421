import { after, container, dag, workflow } from '@sluice/sdk';

const echo = container({
  name: 'echo',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox', command: ['echo', io.inputs.parameters.message] }),
});

const multiroot = dag('multiroot', (d) => {
  const a = d.task('A', echo, { message: 'A' });
  const b = d.task('B', echo, { message: 'B' });
  d.task('C', echo, { message: 'C' }, { depends: a });
  d.task('D', echo, { message: 'D' }, { depends: after(a, b) });
});

/** A DAG with two roots: A and B start together; C waits for A, D for both. */
export default workflow({ generateName: 'dag-multiroot-' }).entrypoint(multiroot);
