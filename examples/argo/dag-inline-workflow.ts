import { container, dag, inline, workflow } from '@sluice/sdk';

const say = container({ name: 'say', container: { image: 'argoproj/argosay:v2' } });

const main = dag('main', (d) => {
  d.task('a', inline(say));
});

/** An inline template: the task carries the template itself (without its name), so it is not listed. */
export default workflow({
  generateName: 'dag-inline-',
  annotations: { 'workflows.argoproj.io/version': '>= 3.2.0' },
}).entrypoint(main);
