import { container, steps, workflow } from '@sluice/sdk';

const sleep = container({ name: 'sleep', container: { image: 'busybox', command: ['sh', '-c', 'sleep 10'] } });

const main = steps('parallelism-limit', (s) => {
  const words = ['this', 'workflow', 'should', 'take', 'at', 'least', 60, 'seconds', 'to', 'complete'];
  s.step('sleep', sleep, { withItems: words });
});

/** Workflow `parallelism`: ten fanned-out pods, at most two running at a time. */
export default workflow(
  { generateName: 'parallelism-limit-', labels: { 'workflows.argoproj.io/no-test': 'duration' } },
  { parallelism: 2 },
).entrypoint(main);
