import { container, steps, workflow } from '@sluice/sdk';

const printMessage = container({
  name: 'print-message',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox', command: ['echo'], args: [io.inputs.parameters.message] }),
});

const helloHelloHello = steps('hello-hello-hello', (s) => {
  s.step('hello1', printMessage, { message: 'hello1' });
  s.parallel((g) => {
    g.step('hello2a', printMessage, { message: 'hello2a' });
    g.step('hello2b', printMessage, { message: 'hello2b' });
  });
});

/** A steps template: one step, then a group of two steps run in parallel. */
export default workflow({ generateName: 'steps-' }).entrypoint(helloHelloHello);
