import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { ResolvedPipeline } from '../resolve.js';

const taskResults = { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] };
const manage = ['create', 'get', 'list', 'watch', 'patch', 'delete'];

/** The ServiceAccount of the templates that create Jobs or PyTorchJobs (the launchers), and only of those. */
export function launcherServiceAccount(pipeline: ResolvedPipeline): string {
  return `${pipeline.serviceAccount}-launcher`;
}

/** True when a stage creates a Job or a PyTorchJob, so the pipeline needs the launcher ServiceAccount. */
export function hasLaunchers(pipeline: ResolvedPipeline): boolean {
  return pipeline.steps.some((s) => s.step.options.as === 'indexed-job' || s.step.train !== undefined);
}

/** The executor's least privilege: report results, nothing else. */
export function executorRules(_pipeline: ResolvedPipeline): NonNullable<IRole['rules']> {
  return [taskResults];
}

/** A launcher's rights: report results, plus create-and-watch only for the resources the pipeline creates. */
export function launcherRules(pipeline: ResolvedPipeline): NonNullable<IRole['rules']> {
  const rules: NonNullable<IRole['rules']> = [taskResults];
  if (pipeline.steps.some((s) => s.step.options.as === 'indexed-job'))
    rules.push({ apiGroups: ['batch'], resources: ['jobs'], verbs: manage });
  if (pipeline.steps.some((s) => s.step.train !== undefined))
    rules.push({ apiGroups: ['kubeflow.org'], resources: ['pytorchjobs'], verbs: manage });
  return rules;
}

function account(
  pipeline: ResolvedPipeline,
  name: string,
  rules: NonNullable<IRole['rules']>,
): [IServiceAccount, IRole, IRoleBinding] {
  const meta = { name, namespace: pipeline.namespace, labels: { ...pipeline.labels } };
  return [
    // Its token goes only to Argo's executor containers (and a launcher's resource pod): the workflow sets
    // automountServiceAccountToken: false and names this account as executor.serviceAccountName.
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta, automountServiceAccountToken: false },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta, rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: pipeline.namespace }],
    },
  ];
}

/**
 * ServiceAccount, Role and RoleBinding for the executor (results only), and, when a stage creates Jobs or
 * PyTorchJobs, a second set for the launcher templates alone; all confined to the pipeline's namespace.
 */
export function rbac(pipeline: ResolvedPipeline): (IServiceAccount | IRole | IRoleBinding)[] {
  return [
    ...account(pipeline, pipeline.serviceAccount, executorRules(pipeline)),
    ...(hasLaunchers(pipeline) ? account(pipeline, launcherServiceAccount(pipeline), launcherRules(pipeline)) : []),
  ];
}
