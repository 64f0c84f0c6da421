import { container, script, steps, workflow } from '@sluice/sdk';

const genNumberList = script({
  name: 'gen-number-list',
  script: {
    image: 'python:alpine3.23',
    command: ['python'],
    source: 'import json\nimport sys\njson.dump([i for i in range(20, 31)], sys.stdout)\n',
  },
});

const sleepNSec = container({
  name: 'sleep-n-sec',
  inputs: { parameters: { seconds: {} } },
  container: (io) => ({
    image: 'alpine:3.23',
    command: ['sh', '-c'],
    args: [
      `echo sleeping for ${io.inputs.parameters.seconds} seconds; sleep ${io.inputs.parameters.seconds}; echo done`,
    ],
  }),
});

const main = steps('loop-param-result-example', (s) => {
  const generate = s.step('generate', genNumberList);
  s.step('sleep', sleepNSec, { seconds: '{{item}}' }, { withParam: generate.outputs.result });
});

/** `withParam` over a step's output: a script prints a JSON list and the next step fans out over it. */
export default workflow({
  generateName: 'loops-param-result-',
  labels: { 'workflows.argoproj.io/no-test': 'duration' },
}).entrypoint(main);
