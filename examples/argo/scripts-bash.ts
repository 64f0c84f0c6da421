import { container, script, steps, workflow } from '@sluice/sdk';

const genRandomInt = script({
  name: 'gen-random-int',
  script: {
    image: 'alpine:3.23',
    command: ['sh', '-c'],
    source: `cat /dev/urandom | od -N2 -An -i | awk -v f=1 -v r=100 '{printf "%i\\n", f + r * $1 / 65536}'\n`,
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

const main = steps('bash-script-example', (s) => {
  const generate = s.step('generate', genRandomInt);
  s.step('print', printMessage, { message: generate.outputs.result });
});

/** A shell script template whose standard output becomes the next step's argument. */
export default workflow({ generateName: 'scripts-bash-' }).entrypoint(main);
