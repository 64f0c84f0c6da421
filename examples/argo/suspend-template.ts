import { container, steps, suspend, workflow } from '@sluice/sdk';

const helloWorld = container({
  name: 'hello-world',
  container: { image: 'busybox', command: ['echo'], args: ['hello world'] },
});
const approve = suspend({ name: 'approve', suspend: {} });
const delay = suspend({ name: 'delay', suspend: { duration: '20' } });

const main = steps('suspend', (s) => {
  s.step('build', helloWorld);
  s.step('approve', approve);
  s.step('delay', delay);
  s.step('release', helloWorld);
});

/** Suspend templates: one waits until resumed (a manual approval), the other for a duration. */
export default workflow({
  generateName: 'suspend-template-',
  labels: { 'workflows.argoproj.io/no-test': 'environment' },
}).entrypoint(main);
