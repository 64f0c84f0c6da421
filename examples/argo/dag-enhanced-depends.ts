import { container, dag, workflow } from '@sluice/sdk';

const pass = container({ name: 'pass', container: { image: 'busybox', command: ['sh', '-c', 'exit 0'] } });
const fail = container({ name: 'fail', container: { image: 'busybox', command: ['sh', '-c', 'exit 1'] } });

const diamond = dag('diamond', (d) => {
  const a = d.task('A', pass);
  const b = d.task('B', pass, { depends: a });
  const c = d.task('C', fail, { depends: a });
  d.task('should-execute-1', pass, { depends: a.and(c.succeeded().or(c.failed())) });
  const second = d.task('should-execute-2', pass, { depends: b.or(c) });
  const notRun = d.task('should-not-execute', pass, { depends: b.and(c) });
  d.task('should-execute-3', pass, { depends: second.succeeded().or(notRun) });
});

/** Enhanced `depends`: task results (`C.Failed`), `&&`, `||` and parentheses, all written as typed expressions. */
export default workflow({ generateName: 'dag-diamond-' }).entrypoint(diamond);
