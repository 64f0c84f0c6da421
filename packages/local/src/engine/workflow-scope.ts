import type { WorkflowStatus } from '@sluice/argo-types';
import type { WorkflowSet } from '../workflow-set.js';
import { now } from './status-store.js';

/**
 * The `workflow.*` names every template of a run sees: name, namespace, uid, entrypoint, status, parameters,
 * labels and annotations, creation time (and its parts), duration, priority, global outputs so far, and any
 * extras (the exit handler's `workflow.status` and `workflow.failures`).
 */
export function workflowScope(
  set: WorkflowSet,
  status: WorkflowStatus,
  uid: string,
  globalOutputs: ReadonlyMap<string, string>,
  workflowExtras: ReadonlyMap<string, string> | undefined,
): Map<string, string> {
  const scope = new Map<string, string>([
    ['workflow.name', set.name],
    ['workflow.namespace', set.namespace],
    ['workflow.uid', uid],
    ['workflow.mainEntrypoint', set.spec.entrypoint ?? ''],
    ['workflow.serviceAccountName', set.spec.serviceAccountName ?? 'default'],
    ['workflow.creationTimestamp', status.startedAt ?? now()],
    ['workflow.status', String(status.phase ?? 'Running')],
  ]);
  const params = set.spec.arguments?.parameters ?? [];
  for (const p of params) scope.set(`workflow.parameters.${p.name}`, p.value ?? p.default ?? '');
  if (params.length > 0) {
    scope.set('workflow.parameters', JSON.stringify(params));
    scope.set(
      'workflow.parameters.json',
      JSON.stringify(Object.fromEntries(params.map((p) => [p.name, p.value ?? '']))),
    );
  }
  for (const [k, v] of Object.entries(set.labels)) scope.set(`workflow.labels.${k}`, v);
  for (const [k, v] of Object.entries(set.annotations)) scope.set(`workflow.annotations.${k}`, v);
  scope.set('workflow.labels', JSON.stringify(set.labels));
  scope.set('workflow.annotations', JSON.stringify(set.annotations));
  scope.set('workflow.labels.json', JSON.stringify(set.labels));
  scope.set('workflow.annotations.json', JSON.stringify(set.annotations));
  const created = new Date(status.startedAt ?? now());
  const two = (n: number) => String(n).padStart(2, '0');
  const parts: Record<string, string> = {
    RFC3339: created.toISOString().replace(/\.\d+Z$/, 'Z'),
    Y: String(created.getUTCFullYear()),
    y: two(created.getUTCFullYear() % 100),
    m: two(created.getUTCMonth() + 1),
    d: two(created.getUTCDate()),
    H: two(created.getUTCHours()),
    M: two(created.getUTCMinutes()),
    S: two(created.getUTCSeconds()),
    s: String(Math.floor(created.getTime() / 1000)),
  };
  for (const [k, v] of Object.entries(parts)) scope.set(`workflow.creationTimestamp.${k}`, v);
  // A local run is scheduled when it is created (a CronWorkflow's run would carry its schedule's time).
  scope.set('workflow.scheduledTime', parts.RFC3339 ?? '');
  if (set.spec.priority !== undefined) scope.set('workflow.priority', String(set.spec.priority));
  scope.set('workflow.duration', String((Date.now() - Date.parse(status.startedAt ?? now())) / 1000));
  for (const [k, v] of globalOutputs) scope.set(k, v);
  for (const [k, v] of workflowExtras ?? []) scope.set(k, v);
  return scope;
}
