import { container, dag, item, workflow } from '@sluice/sdk';

const oddOrEven = container({
  name: 'odd-or-even',
  inputs: { parameters: { num: {} } },
  outputs: { parameters: { num: { valueFrom: { path: '/tmp/num' } }, evenness: { valueFrom: { path: '/tmp/even' } } } },
  container: (io) => ({
    image: 'alpine:3.23',
    command: ['sh', '-c'],
    args: [
      [
        'sleep 1 &&',
        `echo ${io.inputs.parameters.num} > /tmp/num &&`,
        `if [ $((${io.inputs.parameters.num}%2)) -eq 0 ]; then`,
        '  echo "even" > /tmp/even;',
        'else',
        '  echo "odd" > /tmp/even;',
        'fi',
        '',
      ].join('\n'),
    ],
  }),
});

const divideBy2 = container({
  name: 'divide-by-2',
  inputs: { parameters: { num: {} } },
  container: (io) => ({
    image: 'alpine:3.23',
    command: ['sh', '-c'],
    args: [`echo $((${io.inputs.parameters.num}/2))`],
  }),
});

const printMessage = container({
  name: 'print-message',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox', command: ['echo'], args: [io.inputs.parameters.message] }),
});

const main = dag('parameter-aggregation', (d) => {
  const loop = d.task('odd-or-even', oddOrEven, { num: item() }, { withItems: [1, 2, 3, 4] });
  // A looped task's output parameter reads as the list of every iteration's value.
  d.task('print-nums', printMessage, { message: loop.outputs.parameters.num });
  d.task('print-evenness', printMessage, { message: loop.outputs.parameters.evenness });
  // `parametersJson`: every iteration's output parameters as one JSON list of objects.
  const divide = d.task(
    'divide-by-2',
    divideBy2,
    { num: item('num') },
    { withParam: loop.outputs.parametersJson, when: `${item('evenness')} == even` },
  );
  d.task('print', printMessage, { message: item() }, { withParam: divide.outputs.result });
});

/** Parameter aggregation: the outputs of a looped task, one value per iteration or all of them as JSON. */
export default workflow({ generateName: 'parameter-aggregation-dag-' })
  .templates(oddOrEven, divideBy2, printMessage)
  .entrypoint(main);
