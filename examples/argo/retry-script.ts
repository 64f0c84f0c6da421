import { script, workflow } from '@sluice/sdk';

const retryScript = script({
  name: 'retry-script',
  retryStrategy: { limit: '10' },
  script: {
    image: 'python:alpine3.23',
    command: ['python'],
    source: 'import random;\nimport sys; \nexit_code = random.choice([0, 1, 1]); \nsys.exit(exit_code)\n',
  },
});

/** `retryStrategy` on a script template. */
export default workflow({ generateName: 'retry-script-' }).entrypoint(retryScript);
