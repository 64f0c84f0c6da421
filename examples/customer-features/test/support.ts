import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { PriorityClass } from 'kubernetes-models/scheduling.k8s.io/v1/PriorityClass';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';

export { lint } from '@sluice/sdk';

const models: Record<string, { new (data: never): { validate(): void } }> = {
  NetworkPolicy,
  ServiceAccount,
  Role,
  RoleBinding,
  ResourceQuota,
  LimitRange,
  PriorityClass,
  PrometheusRule,
};

/** Validates each object against its kind's Kubernetes API schema; returns the problems found. */
export function validateManifestKinds(objects: readonly { kind: string; metadata?: { name?: string } }[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    const Model = models[object.kind];
    if (Model === undefined) {
      problems.push(`${object.kind}: no Kubernetes model to validate it with`);
      continue;
    }
    try {
      new Model(object as never).validate();
    } catch (error) {
      problems.push(
        `${object.kind}/${object.metadata?.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return problems;
}
