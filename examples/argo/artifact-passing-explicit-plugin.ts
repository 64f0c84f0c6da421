import { container, steps, workflow } from '@sluice/sdk';

const helloWorldToFile = container({
  name: 'hello-world-to-file',
  outputs: {
    artifacts: {
      helloArt: {
        path: '/tmp/hello_world.txt',
        plugin: {
          name: 'test',
          configuration: [
            'bucket: my-bucket',
            'endpoint: minio:9000',
            'insecure: true',
            'accessKeySecret:',
            '  name: my-minio-cred',
            '  key: accesskey',
            'secretKeySecret:',
            '  name: my-minio-cred',
            '  key: secretkey',
            '',
          ].join('\n'),
          key: 'hi',
        },
      },
    },
  },
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

/** Passing an artifact between steps, stored through an artifact plugin with its own configuration. */
export default workflow({ generateName: 'artifact-passing-' }).entrypoint(artifactExample);
