import { container, workflow } from '@sluice/sdk';

const printMessage = container({
  name: 'print-message',
  container: { image: 'busybox', command: ['echo'], args: ['{{workflow.parameters.message}}'] },
});

/** A workflow argument read by a template as a global, `{{workflow.parameters.message}}`. */
export default workflow({ generateName: 'global-parameters-' })
  .arguments({ message: 'hello world' })
  .entrypoint(printMessage);
