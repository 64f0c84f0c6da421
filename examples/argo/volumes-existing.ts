import { container, steps, workflow } from '@sluice/sdk';

const workdir = { name: 'workdir', mountPath: '/mnt/vol' };

const appendToAccesslog = container({
  name: 'append-to-accesslog',
  container: {
    image: 'alpine:3.23',
    command: ['sh', '-c'],
    args: ['echo accessed at: $(date) | tee -a /mnt/vol/accesslog'],
    volumeMounts: [workdir],
  },
});

const printAccesslog = container({
  name: 'print-accesslog',
  container: {
    image: 'alpine:3.23',
    command: ['sh', '-c'],
    args: ["echo 'Volume access log:'; cat /mnt/vol/accesslog"],
    volumeMounts: [workdir],
  },
});

const main = steps('volumes-existing-example', (s) => {
  s.step('generate', appendToAccesslog);
  s.step('print', printAccesslog);
});

/** An existing PersistentVolumeClaim mounted by every step (state that outlives the workflow). */
export default workflow(
  { generateName: 'volumes-existing-' },
  { volumes: [{ name: 'workdir', persistentVolumeClaim: { claimName: 'my-existing-volume' } }] },
).entrypoint(main);
