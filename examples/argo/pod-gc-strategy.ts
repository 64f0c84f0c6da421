import { container, steps, workflow } from '@sluice/sdk';

const exitWith = (name: string, code: number) =>
  container({ name, container: { image: 'alpine:3.23', command: ['sh', '-c'], args: [`exit ${code}`] } });

const main = steps('pod-gc-strategy', (s) => {
  s.parallel((g) => {
    g.step('fail', exitWith('fail', 1));
    g.step('succeed', exitWith('succeed', 0));
  });
});

/** `podGC`: delete each pod 30 s after it succeeds; a failed pod stays for debugging. */
export default workflow(
  { generateName: 'pod-gc-strategy-', labels: { 'workflows.argoproj.io/no-test': 'environment' } },
  { podGC: { strategy: 'OnPodSuccess', deleteDelayDuration: '30s' } },
).entrypoint(main);
