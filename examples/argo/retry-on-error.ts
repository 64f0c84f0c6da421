import { container, workflow } from '@sluice/sdk';

const errorContainer = container({
  name: 'error-container',
  retryStrategy: { limit: '2', retryPolicy: 'Always' },
  container: {
    image: 'python:alpine3.23',
    command: ['python', '-c'],
    args: ['import random; import sys; exit_code = random.choice(range(0, 5)); sys.exit(exit_code)'],
  },
});

/** `retryPolicy: Always`: retry on errors as well as failures. */
export default workflow({
  generateName: 'retry-on-error-',
  labels: { 'workflows.argoproj.io/no-test': 'environment' },
}).entrypoint(errorContainer);
