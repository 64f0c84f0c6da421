import { container, workflow } from '@sluice/sdk';

const rawContents = container({
  name: 'raw-contents',
  inputs: {
    artifacts: { myfile: { path: '/tmp/file', raw: { data: 'this is\nthe raw file\ncontents\n' } } },
  },
  container: { image: 'alpine:3.23', command: ['sh', '-c'], args: ['cat /tmp/file'] },
});

/** A raw input artifact: the file's contents written inline in the template. */
export default workflow({ generateName: 'input-artifact-raw-' }).entrypoint(rawContents);
