import { argoName } from '../model/names.js';

/**
 * `{{workflow.parameters.<name>}}`: a workflow argument, by its TypeScript key (kebab-cased like every declared
 * name) or its Argo name.
 * @example
 * ```ts
 * import { container, workflowParameter } from '@sluice/sdk';
 *
 * workflowParameter('batchSize'); // '{{workflow.parameters.batch-size}}'
 * const load = container({ name: 'load', container: { image: 'busybox:1.36', args: ['--batch', workflowParameter('batchSize')] } });
 * ```
 */
export function workflowParameter(key: string): string {
  return `{{workflow.parameters.${argoName(key)}}}`;
}

/**
 * The current loop item of a task or step with `withItems`, `withParam` or `withSequence`: `{{item}}`, or a field
 * of it, `{{item.<field>}}`.
 * @example
 * ```ts
 * import { container, dag, item } from '@sluice/sdk';
 *
 * const work = container({ name: 'work', inputs: { parameters: { part: {} } }, container: { image: 'busybox:1.36' } });
 * const copy = container({ name: 'copy', inputs: { parameters: { from: {} } }, container: { image: 'busybox:1.36' } });
 * const main = dag('main', (d) => {
 *   d.task('shard', work, { part: item() }, { withItems: ['a', 'b'] }); // value: '{{item}}'
 *   d.task('copy', copy, { from: item('src') }, { withItems: [{ src: 'x' }] }); // value: '{{item.src}}'
 * });
 * ```
 */
export function item(field?: string): string {
  return field === undefined ? '{{item}}' : `{{item.${field}}}`;
}

/**
 * Argo's global variables as reference strings.
 * @example
 * ```ts
 * import { argoVariables, container } from '@sluice/sdk';
 *
 * const tag = container({ name: 'tag', container: { image: 'busybox:1.36', args: [argoVariables.workflowName, argoVariables.retries] } });
 * // args:
 * // - '{{workflow.name}}'
 * // - '{{retries}}'
 * ```
 */
export const argoVariables = Object.freeze({
  /** `{{workflow.name}}` */
  workflowName: '{{workflow.name}}',
  /** `{{workflow.namespace}}` */
  workflowNamespace: '{{workflow.namespace}}',
  /** `{{workflow.uid}}` */
  workflowUid: '{{workflow.uid}}',
  /** `{{workflow.serviceAccountName}}` */
  workflowServiceAccountName: '{{workflow.serviceAccountName}}',
  /** `{{workflow.creationTimestamp}}` (RFC 3339) */
  workflowCreationTimestamp: '{{workflow.creationTimestamp}}',
  /** `{{workflow.scheduledTime}}`: when a CronWorkflow scheduled this run */
  workflowScheduledTime: '{{workflow.scheduledTime}}',
  /** `{{workflow.status}}` (in exit handlers) */
  workflowStatus: '{{workflow.status}}',
  /** `{{workflow.failures}}` (in exit handlers): the failed nodes, as JSON */
  workflowFailures: '{{workflow.failures}}',
  /** `{{workflow.duration}}` (in exit handlers), in seconds */
  workflowDuration: '{{workflow.duration}}',
  /** `{{pod.name}}` */
  podName: '{{pod.name}}',
  /** `{{retries}}`: the retry attempt of this node, 0 for the first */
  retries: '{{retries}}',
  /** `{{node.name}}` */
  nodeName: '{{node.name}}',
  /** `{{status}}` (in a template's metrics): the node's phase */
  status: '{{status}}',
  /** `{{duration}}` (in a template's metrics): the node's running time, in seconds */
  duration: '{{duration}}',
  /** `{{exitCode}}` (in a template's metrics): the main container's exit code */
  exitCode: '{{exitCode}}',
  /** `{{inputs.parameters}}`: every input parameter of the template, as one JSON list */
  inputsParameters: '{{inputs.parameters}}',
});

/**
 * The previous attempt, as a retry strategy's `expression` reads it (expression names, not `{{…}}` tags).
 * @example
 * ```ts
 * import { container, lastRetry } from '@sluice/sdk';
 *
 * const step = container({ name: 'step', container: { image: 'busybox:1.36' } });
 * step.set({ retryStrategy: { limit: 3, expression: `${lastRetry.exitCode} == '1' && ${lastRetry.duration} < 60` } });
 * // retryStrategy:
 * //   limit: 3
 * //   expression: lastRetry.exitCode == '1' && lastRetry.duration < 60
 * ```
 */
export const lastRetry = Object.freeze({
  /** `lastRetry.exitCode`: the exit code, as a string */
  exitCode: 'lastRetry.exitCode',
  /** `lastRetry.status`: `Failed` or `Error` */
  status: 'lastRetry.status',
  /** `lastRetry.duration`: its running time, in seconds */
  duration: 'lastRetry.duration',
  /** `lastRetry.message`: why it failed */
  message: 'lastRetry.message',
});
