/**
 * The annotation that marks how a template runs on this machine: a JSON list of arguments
 * (`["node","dist/stages/extract.js","--param","day={{inputs.parameters.day}}"]`) or a plain command line split
 * on spaces. `{{…}}` tags are substituted as in the rest of the template. Argo ignores it.
 * @example
 * ```ts
 * import { localCommandAnnotation } from '@sluice/local';
 * import type { Template } from '@sluice/argo-types';
 *
 * // On a laptop the runner starts `tsx stages/extract.ts` instead of the container's command.
 * const extract: Template = {
 *   name: 'extract',
 *   metadata: { annotations: { [localCommandAnnotation]: 'tsx stages/extract.ts' } },
 *   container: { image: 'registry.example.com/data/etl:1.0.0', command: ['node', '/app/dist/stages/extract.js'] },
 * };
 * ```
 */
export const localCommandAnnotation = 'sluice.dev/local-command';

/**
 * The annotation naming an in-process handler (a key of `RunOptions.handlers`) for a template.
 * @example
 * ```ts
 * import { localHandlerAnnotation, runWorkflow } from '@sluice/local';
 *
 * const workflow = {
 *   apiVersion: 'argoproj.io/v1alpha1',
 *   kind: 'Workflow',
 *   metadata: { name: 'smoke' },
 *   spec: {
 *     entrypoint: 'noop',
 *     templates: [
 *       { name: 'noop', metadata: { annotations: { [localHandlerAnnotation]: 'noop' } }, container: { image: 'busybox:1.36' } },
 *     ],
 *   },
 * };
 * await runWorkflow([workflow], { handlers: { noop: () => ({ result: 'done' }) } });
 * ```
 */
export const localHandlerAnnotation = 'sluice.dev/local-handler';
