import { container, steps, workflow } from '@sluice/sdk';

const printMessage = container({
  name: 'print-message',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox', command: ['echo'], args: [io.inputs.parameters.message] }),
});

const loopExample = steps('loop-example', (s) => {
  s.step('print-message-loop', printMessage, { message: '{{item}}' }, { withItems: ['hello world', 'goodbye world'] });
});

/** `withItems`: one step fanned out over a literal list; `{{item}}` is the current element. */
export default workflow({ generateName: 'loops-' }).entrypoint(loopExample);
