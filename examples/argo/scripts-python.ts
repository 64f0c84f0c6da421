import { container, script, steps, workflow } from '@sluice/sdk';

const genRandomInt = script({
  name: 'gen-random-int',
  script: {
    image: 'python:alpine3.23',
    command: ['python'],
    source: 'import random\ni = random.randint(1, 100)\nprint(i)\n',
  },
});

const printMessage = container({
  name: 'print-message',
  inputs: { parameters: { message: {} } },
  container: (io) => ({
    image: 'alpine:3.23',
    command: ['sh', '-c'],
    args: [`echo result was: ${io.inputs.parameters.message}`],
  }),
});

const main = steps('python-script-example', (s) => {
  const generate = s.step('generate', genRandomInt);
  s.step('print', printMessage, { message: generate.outputs.result });
});

/** A Python script template whose standard output becomes the next step's argument. */
export default workflow({ generateName: 'scripts-python-' }).entrypoint(main);
