import { container, workflow } from '@sluice/sdk';

const initContainerExample = container({
  name: 'init-container-example',
  initContainers: [{ name: 'hello', image: 'alpine:3.23', command: ['echo', 'hello'], mirrorVolumeMounts: true }],
  container: { image: 'alpine:3.23', command: ['echo', 'bye'], volumeMounts: [{ name: 'foo', mountPath: '/foo' }] },
});

/** An init container that mirrors the main container's volume mounts (`mirrorVolumeMounts`). */
export default workflow({ generateName: 'init-container-' }, { volumes: [{ name: 'foo', emptyDir: {} }] }).entrypoint(
  initContainerExample,
);
