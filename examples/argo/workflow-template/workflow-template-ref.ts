import { workflow } from '@sluice/sdk';
import { submittableTemplate } from './templates.js';

/** A Workflow that is only a reference to a whole WorkflowTemplate (`workflowTemplateRef`), run with its defaults. */
export default workflow(
  { generateName: 'workflow-template-hello-world-' },
  { workflowTemplateRef: { name: submittableTemplate.name } },
);
