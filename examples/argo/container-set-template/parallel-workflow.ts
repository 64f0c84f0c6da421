import { containerSet, workflow } from '@sluice/sdk';

const image = 'argoproj/argosay:v2';

const main = containerSet({
  name: 'main',
  containerSet: {
    containers: [
      { name: 'a', image },
      { name: 'b', image },
    ],
  },
});

/** A container set of two containers with no dependencies: they run side by side in one pod. */
export default workflow({
  generateName: 'parallel-',
  annotations: { 'workflows.argoproj.io/version': '>= 3.1.0' },
}).entrypoint(main);
