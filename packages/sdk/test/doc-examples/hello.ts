import { container, workflow } from '../../src/index.js';

const hello = container({
  name: 'hello',
  inputs: { parameters: { message: { default: 'hello world' } } },
  container: (io) => ({ image: 'busybox:1.36', command: ['echo'], args: [io.inputs.parameters.message] }),
});

export default workflow({ generateName: 'hello-' }).entrypoint(hello);
