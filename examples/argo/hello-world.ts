import { container, workflow } from '@sluice/sdk';

const helloWorld = container({
  name: 'hello-world',
  container: { image: 'busybox', command: ['echo'], args: ['hello world'] },
});

/** The smallest workflow: one container template as the entrypoint, with a label that keeps it out of the archive. */
export default workflow({
  generateName: 'hello-world-',
  labels: { 'workflows.argoproj.io/archive-strategy': 'false' },
}).entrypoint(helloWorld);
