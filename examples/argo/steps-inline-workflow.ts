import { container, inline, steps, workflow } from '@sluice/sdk';

const say = container({ name: 'say', container: { image: 'argoproj/argosay:v2' } });

const main = steps('main', (s) => {
  s.step('a', inline(say));
});

/** An inline template in a step: the step carries the template body instead of naming a listed template. */
export default workflow({
  generateName: 'steps-inline-',
  annotations: { 'workflows.argoproj.io/version': '>= 3.2.0' },
}).entrypoint(main);
