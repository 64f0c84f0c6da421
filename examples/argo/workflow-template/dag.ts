import { after, dag, templateRef, workflow } from '@sluice/sdk';
import { innerDagTemplate, innerDiamond, printMessage, printMessageTemplate } from './templates.js';

const shared = templateRef(printMessageTemplate, printMessage);

const diamond = dag('diamond', (d) => {
  const a = d.task('A', shared, { message: 'A' });
  const b = d.task('B', shared, { message: 'B' }, { depends: a });
  const c = d.task('C', templateRef(innerDagTemplate, innerDiamond), { depends: a });
  d.task('D', shared, { message: 'D' }, { depends: after(b, c) });
});

/** A DAG whose tasks run templates of WorkflowTemplates, one of them itself a DAG. */
export default workflow({ generateName: 'workflow-template-dag-diamond-' }).entrypoint(diamond);
