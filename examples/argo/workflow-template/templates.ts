import { after, container, dag, steps, templateRef, workflowTemplate } from '@sluice/sdk';

/** The shared `print-message` template: echoes its `message` input. */
export const printMessage = container({
  name: 'print-message',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox', command: ['echo'], args: [io.inputs.parameters.message] }),
});

/** A WorkflowTemplate of one template, also runnable by itself (it has an entrypoint). */
export const printMessageTemplate = workflowTemplate('workflow-template-print-message').entrypoint(printMessage);

/** A retried template that fails two times in three. */
export const randomFail = container({
  name: 'random-fail-template',
  retryStrategy: { limit: 10 },
  container: {
    image: 'python:alpine3.23',
    command: ['python', '-c'],
    args: ['import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)'],
  },
});

/** A library WorkflowTemplate (no entrypoint) holding `random-fail-template`. */
export const randomFailTemplate = workflowTemplate('workflow-template-random-fail-template').templates(randomFail);

/** Steps mixing a template of another WorkflowTemplate (`templateRef`) with a local one. */
export const innerSteps = steps('inner-steps', (s) => {
  const shared = templateRef(printMessageTemplate, printMessage);
  s.step('inner-hello1', shared, { message: 'inner-hello1' });
  s.parallel((g) => {
    g.step('inner-hello2a', shared, { message: 'inner-hello2a' });
    g.step('inner-hello2b', printMessage, { message: 'inner-hello2b' });
  });
});

/** A WorkflowTemplate whose steps template other workflows run by `templateRef`. */
export const innerStepsTemplate = workflowTemplate('workflow-template-inner-steps').templates(printMessage, innerSteps);

/** A diamond DAG mixing `templateRef` tasks and local tasks. */
export const innerDiamond = dag('inner-diamond', (d) => {
  const shared = templateRef(printMessageTemplate, printMessage);
  const a = d.task('inner-A', shared, { message: 'inner-A' });
  const b = d.task('inner-B', printMessage, { message: 'inner-B' }, { depends: a });
  const c = d.task('inner-C', printMessage, { message: 'inner-C' }, { depends: a });
  d.task('inner-D', shared, { message: 'inner-D' }, { depends: after(b, c) });
});

/** A WorkflowTemplate whose DAG template other workflows run by `templateRef`. */
export const innerDagTemplate = workflowTemplate('workflow-template-inner-dag').templates(printMessage, innerDiamond);

/** A WorkflowTemplate complete with entrypoint and arguments: submittable as it is, or by `workflowTemplateRef`. */
export const submittableTemplate = workflowTemplate('workflow-template-submittable')
  .arguments({ message: 'hello world' })
  .entrypoint(printMessage);

/** Five WorkflowTemplates: the library the other `workflow-template/` examples run templates of. */
export default [printMessageTemplate, randomFailTemplate, innerStepsTemplate, innerDagTemplate, submittableTemplate];
