import { after, container, dag, workflow } from '@sluice/sdk';

const echo = container({
  name: 'echo',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox', command: ['echo', io.inputs.parameters.message] }),
});

const diamond = dag('diamond', (d) => {
  const a = d.task('A', echo, { message: 'A' });
  const b = d.task('B', echo, { message: 'B' }, { depends: a });
  const c = d.task('C', echo, { message: 'C' }, { depends: a });
  d.task('D', echo, { message: 'D' }, { depends: after(b, c) });
});

/** A diamond DAG: A, then B and C in parallel, then D once both have finished. */
export default workflow({ generateName: 'dag-diamond-' }).entrypoint(diamond);
