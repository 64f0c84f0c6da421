import { after, container, dag, workflow, workflowArguments } from '@sluice/sdk';

const args = workflowArguments({ target: 'E' });

const echo = container({
  name: 'echo',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox', command: ['echo', io.inputs.parameters.message] }),
});

const dagTarget = dag({ name: 'dag-target', target: args.parameters.target }, (d) => {
  const a = d.task('A', echo, { message: 'A' });
  const b = d.task('B', echo, { message: 'B' }, { depends: a });
  const c = d.task('C', echo, { message: 'C' }, { depends: a });
  d.task('D', echo, { message: 'D' }, { depends: after(b, c) });
  d.task('E', echo, { message: 'E' }, { depends: c });
});

/** `dag.target`: run only the tasks a workflow parameter names, and what they depend on. */
export default workflow({ generateName: 'dag-target-' }).arguments(args).entrypoint(dagTarget);
