import { container, dag, workflow } from '@sluice/sdk';

const a = container({ name: 'a', container: { image: 'busybox', command: ['echo'], args: ['hello world'] } });
const b = container({
  name: 'b',
  retryStrategy: { limit: '2' },
  container: { image: 'busybox', command: ['sh', '-c'], args: ['sleep 30; echo haha'] },
});
const c = container({
  name: 'c',
  retryStrategy: { limit: '3' },
  container: { image: 'busybox', command: ['sh', '-c'], args: ['echo intentional failure; exit 2'] },
});
const d = container({ name: 'd', container: { image: 'busybox', command: ['echo'], args: ['hello world'] } });

const statis = dag({ name: 'statis', failFast: false }, (g) => {
  const taskA = g.task('A', a);
  const taskB = g.task('B', b, { depends: taskA });
  g.task('C', c, { depends: taskA });
  const taskD = g.task('D', d, { depends: taskB });
  g.task('E', d, { depends: taskD });
});

/** `failFast: false`: when C fails, the DAG still runs the other branch (B, D, E) to its end; retries per template. */
export default workflow({
  generateName: 'dag-primay-branch-',
  labels: { 'workflows.argoproj.io/no-test': 'expected-failure' },
}).entrypoint(statis);
