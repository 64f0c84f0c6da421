import { container, steps, workflow } from '@sluice/sdk';

const printMessage = container({
  name: 'print-message',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox', command: ['echo'], args: [io.inputs.parameters.message] }),
});
const exit = container({ name: 'exit', container: { image: 'busybox', command: ['echo'], args: ['step cleanup'] } });

const onExit = { hooks: { exit: { template: exit } } };

const main = steps('main', (s) => {
  s.step('hello1', printMessage, { message: 'hello1' }, onExit);
  s.parallel((g) => {
    g.step('hello2a', printMessage, { message: 'hello2a' }, onExit);
    g.step('hello2b', printMessage, { message: 'hello2b' }, onExit);
  });
});

/** Step-level exit hooks (`hooks.exit`): a cleanup template runs after each step, given as a builder. */
export default workflow({ generateName: 'exit-handler-step-level-' }).entrypoint(main);
