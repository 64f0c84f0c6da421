import { container, steps, workflow } from '@sluice/sdk';

const randomFail = container({
  name: 'random-fail',
  retryStrategy: { limit: '10' },
  container: {
    image: 'python:alpine3.23',
    command: ['python', '-c'],
    args: [
      "import random; import sys; print('retries: {{retries}}'); exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)",
    ],
  },
});

const retryWithSteps = steps('retry-with-steps', (s) => {
  s.step('hello1', randomFail);
  s.parallel((g) => {
    g.step('hello2a', randomFail);
    g.step('hello2b', randomFail);
  });
});

/** A retried template run by several steps; `{{retries}}` is the attempt number. */
export default workflow({
  generateName: 'retry-with-steps-',
  labels: { 'workflows.argoproj.io/no-test': 'flaky' },
}).entrypoint(retryWithSteps);
