import { container, workflow } from '@sluice/sdk';

const check =
  'if grep -q /mnt/vol /proc/mounts; then echo "Volume mounted and found"; else echo "Not found"; exit 1; fi';

const volumesEmptydirExample = container({
  name: 'volumes-emptydir-example',
  container: {
    image: 'alpine:3.23',
    command: ['/bin/sh', '-c'],
    args: [` ${check} `],
    volumeMounts: [{ name: 'workdir', mountPath: '/mnt/vol' }],
  },
});

/** A workflow-level `emptyDir` volume mounted into a container. */
export default workflow(
  { generateName: 'volumes-emptydir-' },
  { volumes: [{ name: 'workdir', emptyDir: {} }] },
).entrypoint(volumesEmptydirExample);
