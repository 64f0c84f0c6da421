import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { ResolvedPipeline } from '../resolve.js';

/** The executor's least privilege: report results; plus create-and-watch only for the resources it creates. */
export function executorRules(pipeline: ResolvedPipeline): NonNullable<IRole['rules']> {
  const rules: NonNullable<IRole['rules']> = [
    { apiGroups: ['argoproj.io'], resources: ['workflowtaskresults'], verbs: ['create', 'patch'] },
  ];
  const manage = ['create', 'get', 'list', 'watch', 'patch', 'delete'];
  if (pipeline.steps.some((s) => s.step.options.as === 'indexed-job'))
    rules.push({ apiGroups: ['batch'], resources: ['jobs'], verbs: manage });
  if (pipeline.steps.some((s) => s.step.train !== undefined))
    rules.push({ apiGroups: ['kubeflow.org'], resources: ['pytorchjobs'], verbs: manage });
  return rules;
}

/** ServiceAccount, Role and RoleBinding for the workflow's pods, confined to the pipeline's namespace. */
export function rbac(pipeline: ResolvedPipeline): [IServiceAccount, IRole, IRoleBinding] {
  const meta = { name: pipeline.serviceAccount, namespace: pipeline.namespace, labels: { ...pipeline.labels } };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta, automountServiceAccountToken: true },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta, rules: executorRules(pipeline) },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: pipeline.serviceAccount },
      subjects: [{ kind: 'ServiceAccount', name: pipeline.serviceAccount, namespace: pipeline.namespace }],
    },
  ];
}
