import { container, workflow, workflowArguments } from '@sluice/sdk';

const args = workflowArguments({ message: 'hello world' });

const printMessage = container({
  name: 'print-message',
  container: { image: 'busybox', command: ['echo'], args: [args.parameters.message] },
});

/** A workflow argument read by a template as a global, `{{workflow.parameters.message}}`. */
export default workflow({ generateName: 'global-parameters-' }).arguments(args).entrypoint(printMessage);
