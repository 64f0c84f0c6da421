import { container, workflow } from '@sluice/sdk';

/** A workflow entry among the YAML of workflows/, as docs/cli.md's `workflow compile workflows/` compiles. */
const hello = container({
  name: 'hello',
  container: {
    image: 'busybox:1.36',
    command: ['echo', 'hello'],
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
  },
});

export default workflow({ generateName: 'hello-ts-' }).entrypoint(hello);
