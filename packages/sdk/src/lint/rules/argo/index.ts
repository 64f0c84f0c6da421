import type { LintRule } from '../../types.js';
import { archiveLocation } from './archive-location.js';
import { argumentsRule } from './arguments.js';
import { callArguments } from './call-arguments.js';
import { containerSet } from './container-set.js';
import { cron } from './cron.js';
import { dagArgumentDependency } from './dag-argument-dependency.js';
import { dagDependencies } from './dag-dependencies.js';
import { dagStructure } from './dag-structure.js';
import { dagTargets } from './dag-targets.js';
import { entrypoint } from './entrypoint.js';
import { executorPlugins } from './executor-plugins.js';
import { hooks } from './hooks.js';
import { image } from './image.js';
import { inputs } from './inputs.js';
import { metrics } from './metrics.js';
import { mounts } from './mounts.js';
import { objectName } from './object-name.js';
import { outputs } from './outputs.js';
import { podGC } from './pod-gc.js';
import { podResources } from './pod-resources.js';
import { references } from './references.js';
import { reservedNames } from './reserved-names.js';
import { resource } from './resource.js';
import { retryPolicy } from './retry-policy.js';
import { steps } from './steps.js';
import { templateNames } from './template-names.js';
import { templateTypeRule } from './template-type.js';
import { templateVariables } from './template-variables.js';
import { timeouts } from './timeouts.js';
import { workflowTemplateRef } from './workflow-template-ref.js';

/**
 * The semantic rules of Argo's validator (NOTES.md §(a)), in the order Argo applies them.
 * @example
 * ```ts
 * import { argoRules, lint } from '@sluice/sdk';
 *
 * // Only Argo's own validation, without the policies:
 * lint([{ source: 'wf.yaml', doc: {} }], { rules: argoRules });
 * ```
 */
export const argoRules: readonly LintRule[] = [
  objectName,
  cron,
  workflowTemplateRef,
  templateNames,
  executorPlugins,
  argumentsRule,
  entrypoint,
  hooks,
  podGC,
  podResources,
  templateTypeRule,
  inputs,
  retryPolicy,
  timeouts,
  templateVariables,
  mounts,
  image,
  containerSet,
  reservedNames,
  resource,
  outputs,
  archiveLocation,
  metrics,
  references,
  callArguments,
  steps,
  dagStructure,
  dagDependencies,
  dagTargets,
  dagArgumentDependency,
];
