import { container, workflow } from '@sluice/sdk';

const retryContainer = container({
  name: 'retry-container',
  retryStrategy: { limit: '10' },
  container: {
    image: 'python:alpine3.23',
    command: ['python', '-c'],
    args: ['import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)'],
  },
});

/** `retryStrategy.limit` on a container template that fails two times in three. */
export default workflow({ generateName: 'retry-container-' }).entrypoint(retryContainer);
