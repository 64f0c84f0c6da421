import { workflow } from '@sluice/sdk';
import { submittableTemplate } from './clustertemplates.js';

/** A Workflow that runs a whole ClusterWorkflowTemplate (`workflowTemplateRef` with `clusterScope`). */
export default workflow(
  { generateName: 'cluster-workflow-template-hello-world-' },
  { workflowTemplateRef: { name: submittableTemplate.name, clusterScope: true } },
);
