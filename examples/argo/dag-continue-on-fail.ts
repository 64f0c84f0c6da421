import { after, container, dag, workflow } from '@sluice/sdk';

const helloWorld = container({
  name: 'hello-world',
  container: { image: 'busybox', command: ['echo'], args: ['hello world'] },
});
const intentionalFail = container({
  name: 'intentional-fail',
  container: { image: 'busybox', command: ['sh', '-c'], args: ['echo intentional failure; exit 1'] },
});

const main = dag('workflow', (d) => {
  const a = d.task('A', helloWorld);
  const b = d.task('B', intentionalFail, { depends: a });
  const c = d.task('C', helloWorld, { depends: a });
  d.task('D', helloWorld, { depends: b.failed().and(c) });
  const e = d.task('E', intentionalFail, { depends: a });
  const f = d.task('F', helloWorld, { depends: a });
  d.task('G', helloWorld, { depends: after(e, f) });
});

/** Carrying on after a failure: D runs only when B has failed (`B.Failed && C`); G is never reached. */
export default workflow({
  generateName: 'dag-contiue-on-fail-',
  labels: { 'workflows.argoproj.io/no-test': 'expected-failure' },
}).entrypoint(main);
