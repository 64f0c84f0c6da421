import { containerSet, workflow } from '@sluice/sdk';

const image = 'argoproj/argosay:v2';

const main = containerSet({
  name: 'main',
  containerSet: {
    containers: [
      { name: 'a', image },
      { name: 'b', image, dependencies: ['a'] },
      { name: 'c', image, dependencies: ['a'] },
      { name: 'd', image, dependencies: ['b', 'c'] },
    ],
  },
});

/** A container set: a diamond of containers in one pod, ordered by their `dependencies`. */
export default workflow({
  generateName: 'graph-',
  annotations: { 'workflows.argoproj.io/version': '>= 3.1.0' },
}).entrypoint(main);
