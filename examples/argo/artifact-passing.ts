import { container, steps, workflow } from '@sluice/sdk';

const helloWorldToFile = container({
  name: 'hello-world-to-file',
  outputs: { artifacts: { helloArt: { path: '/tmp/hello_world.txt' } } },
  container: {
    image: 'busybox',
    command: ['sh', '-c'],
    args: ['sleep 1; echo hello world | tee /tmp/hello_world.txt'],
  },
});

const printMessageFromFile = container({
  name: 'print-message-from-file',
  inputs: { artifacts: { message: { path: '/tmp/message' } } },
  container: { image: 'busybox', command: ['sh', '-c'], args: ['cat /tmp/message'] },
});

const artifactExample = steps('artifact-example', (s) => {
  const generate = s.step('generate-artifact', helloWorldToFile);
  s.step('consume-artifact', printMessageFromFile, { message: generate.outputs.artifacts.helloArt });
});

/** An output artifact of one step passed as the input artifact of the next (`from`, through the typed handle). */
export default workflow({ generateName: 'artifact-passing-' }).entrypoint(artifactExample);
