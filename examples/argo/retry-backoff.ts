import { container, workflow } from '@sluice/sdk';

const retryBackoff = container({
  name: 'retry-backoff',
  retryStrategy: { limit: '10', backoff: { duration: '1', factor: '2', maxDuration: '1m', cap: '5' } },
  container: {
    image: 'python:alpine3.23',
    command: ['python', '-c'],
    args: ['import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)'],
  },
});

/** Retries with exponential back-off: 1 s doubling each time, each wait capped at 5 s, all retries within 1 min. */
export default workflow({
  generateName: 'retry-backoff-',
  labels: { 'workflows.argoproj.io/no-test': 'duration' },
}).entrypoint(retryBackoff);
