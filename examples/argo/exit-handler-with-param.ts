import { container, hook, script, steps, workflow } from '@sluice/sdk';

const output = container({
  name: 'output',
  outputs: { parameters: { result: { valueFrom: { default: 'Foobar', path: '/tmp/hello_world.txt' } } } },
  container: {
    image: 'python:alpine3.23',
    command: ['sh', '-c'],
    args: ['echo -n hello world > /tmp/hello_world.txt'],
  },
});

const exit = script({
  name: 'exit',
  inputs: { parameters: { message: {} } },
  script: (io) => ({
    image: 'python:alpine3.23',
    command: ['python'],
    source: `print("${io.inputs.parameters.message}")\n`,
  }),
});

const main = steps('main', (s) => {
  // The hooks function receives the step's own handle, so the exit hook can pass on the step's output.
  s.step(
    'step-1',
    output,
    {},
    { hooks: (self) => ({ exit: hook(exit, { message: self.outputs.parameters.result }) }) },
  );
});

/** A step-level exit hook given typed arguments: the step's own output parameter, through `hook()`. */
export default workflow({
  generateName: 'exit-handler-with-param-',
  annotations: {
    'workflows.argoproj.io/description':
      'onExitTemplate enables workflow to pass the arguments (parameters/Artifacts) to exit handler template.\n',
    'workflows.argoproj.io/version': '>= 3.1.0',
  },
})
  .templates(output, exit)
  .entrypoint(main);
