import { steps, templateRef, workflow } from '@sluice/sdk';
import { innerStepsTemplate, printMessage, printMessageTemplate } from './templates.js';

const shared = templateRef(printMessageTemplate, printMessage);

const main = steps('hello-hello-hello', (s) => {
  s.step('hello1', shared, { message: 'hello1' });
  s.parallel((g) => {
    // Upstream passes `message` to `inner-steps`, which declares no inputs (Argo ignores it). The typed form,
    // `templateRef(innerStepsTemplate, innerSteps)`, rejects that argument, so this step names the template instead.
    g.step('hello2a', templateRef(innerStepsTemplate, 'inner-steps'), { message: 'hello2a' });
    g.step('hello2b', shared, { message: 'hello2b' });
  });
});

/** Steps running templates of WorkflowTemplates (`templateRef`), typed by the imported template builders. */
export default workflow({ generateName: 'workflow-template-steps-' }).entrypoint(main);
