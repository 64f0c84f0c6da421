import { container, steps, workflow } from '@sluice/sdk';

const workdir = { name: 'workdir', mountPath: '/mnt/vol' };

const helloWorldToFile = container({
  name: 'hello-world-to-file',
  container: {
    image: 'busybox',
    command: ['sh', '-c'],
    args: ['echo generating message in volume; echo hello world | tee /mnt/vol/hello_world.txt'],
    volumeMounts: [workdir],
  },
});

const printMessageFromFile = container({
  name: 'print-message-from-file',
  container: {
    image: 'alpine:3.23',
    command: ['sh', '-c'],
    args: ['echo getting message from volume; find /mnt/vol; cat /mnt/vol/hello_world.txt'],
    volumeMounts: [workdir],
  },
});

const main = steps('volumes-pvc-example', (s) => {
  s.step('generate', helloWorldToFile);
  s.step('print', printMessageFromFile);
});

/** `volumeClaimTemplates`: a persistent volume claimed for the workflow's lifetime and shared by its steps. */
export default workflow(
  { generateName: 'volumes-pvc-' },
  {
    volumeClaimTemplates: [
      {
        metadata: { name: 'workdir' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      },
    ],
  },
).entrypoint(main);
