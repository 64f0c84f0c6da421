import { containerSet, workflow } from '@sluice/sdk';

const image = 'argoproj/argosay:v2';

const main = containerSet({
  name: 'main',
  containerSet: {
    containers: [
      { name: 'a', image },
      { name: 'b', image, dependencies: ['a'] },
      { name: 'c', image, dependencies: ['b'] },
    ],
  },
});

/** A container set run as a sequence: each container waits for the one before it, all in one pod. */
export default workflow({
  generateName: 'sequence-',
  annotations: { 'workflows.argoproj.io/version': '>= 3.1.0' },
}).entrypoint(main);
