import { steps, templateRef, workflow } from '@sluice/sdk';
import { printMessage, printMessageTemplate } from './templates.js';

const main = steps('hello-world-from-templateRef', (s) => {
  s.step('call-print-message', templateRef(printMessageTemplate, printMessage), { message: 'hello world' });
});

/** The smallest `templateRef`: one step running a template of a WorkflowTemplate. */
export default workflow({ generateName: 'workflow-template-hello-world-' }).entrypoint(main);
