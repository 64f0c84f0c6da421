import { container, steps, workflow } from '@sluice/sdk';

const sleep = container({ name: 'sleep', container: { image: 'busybox', command: ['sleep', '1d'] } });
const unschedulable = container({
  name: 'unschedulable',
  nodeSelector: { 'beta.kubernetes.io/arch': 'no-such-arch' },
  container: { image: 'alpine:3.23' },
});

const bunchOfSleeps = steps('bunch-of-sleeps', (s) => {
  s.parallel((g) => {
    g.step('sleep-one-day', sleep, { withItems: [1, 2, 3] });
    g.step('unschedulable', unschedulable, { withItems: [1, 2, 3] });
  });
});

/** A workflow deadline (`activeDeadlineSeconds`) that stops pods still running and pods that never scheduled. */
export default workflow(
  { generateName: 'timeouts-workflow-', labels: { 'workflows.argoproj.io/no-test': 'environment' } },
  { activeDeadlineSeconds: 30 },
).entrypoint(bunchOfSleeps);
