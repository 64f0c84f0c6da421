import { container, steps, workflow } from '@sluice/sdk';

const helloWorldToFile = container({
  name: 'hello-world-to-file',
  outputs: { parameters: { helloParam: { valueFrom: { default: 'Foobar', path: '/tmp/hello_world.txt' } } } },
  container: { image: 'busybox', command: ['sh', '-c'], args: ['sleep 1; echo -n hello world > /tmp/hello_world.txt'] },
});

const printMessage = container({
  name: 'print-message',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox', command: ['echo'], args: [io.inputs.parameters.message] }),
});

const main = steps('output-parameter', (s) => {
  const generate = s.step('generate-parameter', helloWorldToFile);
  s.step('consume-parameter', printMessage, { message: generate.outputs.parameters.helloParam });
});

/** An output parameter read from a file (with a default if the file is missing), passed to the next step. */
export default workflow({ generateName: 'output-parameter-' }).entrypoint(main);
