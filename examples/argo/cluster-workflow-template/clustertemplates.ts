import { after, clusterWorkflowTemplate, container, dag, steps, templateRef } from '@sluice/sdk';

/** The shared `print-message` template: echoes its `message` input. */
export const printMessage = container({
  name: 'print-message',
  inputs: { parameters: { message: {} } },
  container: (io) => ({ image: 'busybox', command: ['echo'], args: [io.inputs.parameters.message] }),
});

/** A ClusterWorkflowTemplate of one template, visible from every namespace. */
export const printMessageTemplate = clusterWorkflowTemplate('cluster-workflow-template-print-message').templates(
  printMessage,
);

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

/** A ClusterWorkflowTemplate holding `random-fail-template`. */
export const randomFailTemplate = clusterWorkflowTemplate('cluster-workflow-template-random-fail-template').templates(
  randomFail,
);

/** Steps running a template of a ClusterWorkflowTemplate (`templateRef` with `clusterScope: true`, set for us). */
export const innerSteps = steps('inner-steps', (s) => {
  const shared = templateRef(printMessageTemplate, printMessage);
  s.step('inner-hello1', shared, { message: 'inner-hello1' });
  s.parallel((g) => {
    g.step('inner-hello2a', shared, { message: 'inner-hello2a' });
    g.step('inner-hello2b', shared, { message: 'inner-hello2b' });
  });
});

/** A ClusterWorkflowTemplate whose steps template other workflows run. */
export const innerStepsTemplate = clusterWorkflowTemplate('cluster-workflow-template-inner-steps').templates(
  printMessage,
  innerSteps,
);

/** A diamond DAG mixing cluster-scoped `templateRef` tasks and local tasks. */
export const innerDiamond = dag('inner-diamond', (d) => {
  const shared = templateRef(printMessageTemplate, printMessage);
  const a = d.task('inner-A', shared, { message: 'inner-A' });
  const b = d.task('inner-B', printMessage, { message: 'inner-B' }, { depends: a });
  const c = d.task('inner-C', printMessage, { message: 'inner-C' }, { depends: a });
  d.task('inner-D', shared, { message: 'inner-D' }, { depends: after(b, c) });
});

/** A ClusterWorkflowTemplate whose DAG template other workflows run. */
export const innerDagTemplate = clusterWorkflowTemplate('cluster-workflow-template-inner-dag').templates(
  printMessage,
  innerDiamond,
);

/** A ClusterWorkflowTemplate complete with entrypoint and arguments, submittable by `workflowTemplateRef`. */
export const submittableTemplate = clusterWorkflowTemplate('cluster-workflow-template-submittable')
  .arguments({ message: 'hello world' })
  .entrypoint(printMessage);

/** Five ClusterWorkflowTemplates: the library the other `cluster-workflow-template/` examples use. */
export default [printMessageTemplate, randomFailTemplate, innerStepsTemplate, innerDagTemplate, submittableTemplate];
