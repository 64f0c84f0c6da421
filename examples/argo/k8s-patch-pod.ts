import { resource, workflow } from '@sluice/sdk';

const patchOwnPod = resource({
  name: 'main',
  resource: {
    action: 'patch',
    manifest: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: {{pod.name}}',
      '  annotations:',
      '    foo: bar',
      '',
    ].join('\n'),
  },
});

/** A resource template patching its own pod (`{{pod.name}}`) with the default, strategic merge. */
export default workflow({ generateName: 'k8s-patch-pod-' }).entrypoint(patchOwnPod);
