import { container, hook, script, steps, workflow, workflowArguments } from '../../src/index.js';

const args = workflowArguments({ target: 'heads' });

const flip = script({
  name: 'flip-coin',
  outputs: { parameters: { side: { valueFrom: { path: '/tmp/side' } } } },
  script: {
    image: 'python:3.12-slim',
    command: ['python'],
    source: 'import random\nopen("/tmp/side", "w").write(random.choice(["heads", "tails"]))\n',
  },
});
const report = container({
  name: 'report',
  inputs: { parameters: { side: {} } },
  container: (io) => ({ image: 'busybox:1.36', command: ['echo', io.inputs.parameters.side] }),
});

// `self` is this template: it runs itself again until the coin shows the target side.
const main = steps('main', (s, self) => {
  const coin = s.step(
    'flip',
    flip,
    {},
    {
      // A hooks function gets the step's own handle; hook() checks the arguments against report's inputs.
      hooks: (step) => ({ exit: hook(report, { side: step.outputs.parameters.side }) }),
    },
  );
  s.step('again', self, { when: `${coin.outputs.parameters.side} != ${args.parameters.target}` });
});

export default workflow({ generateName: 'flip-until-' }).arguments(args).entrypoint(main);
