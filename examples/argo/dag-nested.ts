import { after, container, dag, workflow } from '@sluice/sdk';

const echo = container({
  name: 'echo',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox', command: ['echo', io.inputs.parameters.message] }),
});

const nestedDiamond = dag({ name: 'nested-diamond', inputs: { parameters: { message: {} } } }, (d) => {
  const prefix = d.inputs.parameters.message;
  const a = d.task('A', echo, { message: `${prefix}A` });
  const b = d.task('B', echo, { message: `${prefix}B` }, { depends: a });
  const c = d.task('C', echo, { message: `${prefix}C` }, { depends: a });
  d.task('D', echo, { message: `${prefix}D` }, { depends: after(b, c) });
});

const diamond = dag('diamond', (d) => {
  const a = d.task('A', nestedDiamond, { message: 'A' });
  const b = d.task('B', nestedDiamond, { message: 'B' }, { depends: a });
  const c = d.task('C', nestedDiamond, { message: 'C' }, { depends: a });
  d.task('D', nestedDiamond, { message: 'D' }, { depends: after(b, c) });
});

/** DAGs inside a DAG: every task of the outer diamond runs an inner diamond with its own input parameter. */
export default workflow({
  generateName: 'dag-nested-',
  labels: { 'workflows.argoproj.io/no-test': 'flaky' },
}).entrypoint(diamond);
