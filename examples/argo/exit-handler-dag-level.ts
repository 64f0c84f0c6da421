import { after, container, dag, workflow } from '@sluice/sdk';

const echo = container({
  name: 'echo',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox', command: ['echo'], args: [io.inputs.parameters.message] }),
});
const exit = container({ name: 'exit', container: { image: 'busybox', command: ['echo'], args: ['task cleanup'] } });

const main = dag('main', (d) => {
  const a = d.task('A', echo, { message: 'A' }, { onExit: exit });
  const b = d.task('B', echo, { message: 'B' }, { depends: a, onExit: exit });
  const c = d.task('C', echo, { message: 'C' }, { depends: a, onExit: exit });
  d.task('D', echo, { message: 'D' }, { depends: after(b, c), onExit: exit });
});

/** Exit handlers on DAG tasks (`onExit` per task): the cleanup template is listed once, however many tasks use it. */
export default workflow({
  generateName: 'exit-hanlder-dag-level-',
  labels: { 'workflows.argoproj.io/no-test': 'flaky' },
}).entrypoint(main);
