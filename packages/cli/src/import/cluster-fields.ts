/**
 * What a cluster adds to a manifest, removed before `workflow import` writes code for it: a document read from
 * `kubectl get … -o yaml` or `argo get -o yaml` should become the definition, not a snapshot of one run.
 */
import { isObject, type Json } from './json.js';

/** Metadata fields the API server sets. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
];

/** Annotations and labels that tools and Argo's controller or server set on what they handled. */
const SET_BY_TOOLS = {
  annotations: ['kubectl.kubernetes.io/last-applied-configuration'],
  labels: [
    'workflows.argoproj.io/completed',
    'workflows.argoproj.io/phase',
    'workflows.argoproj.io/workflow-archiving-status',
    'workflows.argoproj.io/creator',
    'workflows.argoproj.io/creator-email',
    'workflows.argoproj.io/creator-preferred-username',
  ],
} as const;

/** The documents with list kinds (`kind: List`, `WorkflowList`…) replaced by their items, and cluster fields gone. */
export interface Cleaned {
  readonly docs: unknown[];
  /** What was removed, once per field (`status`, `metadata.uid`…), in the order first met. */
  readonly dropped: string[];
}

/** Removes what a cluster added (see the module's summary) and unpacks lists. */
export function withoutClusterFields(docs: readonly unknown[]): Cleaned {
  const dropped: string[] = [];
  const drop = (what: string) => {
    if (!dropped.includes(what)) dropped.push(what);
  };
  const out: unknown[] = [];
  for (const doc of docs) {
    if (isObject(doc) && typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items)) {
      // `kubectl get workflows -o yaml` of several: a List whose items carry their own kind (Argo's lists may not).
      const itemKind = doc.kind === 'List' ? undefined : doc.kind.slice(0, -'List'.length);
      drop(`${doc.kind} (its items are imported)`);
      for (const item of doc.items) {
        const filled =
          isObject(item) && itemKind !== undefined ? { apiVersion: doc.apiVersion, kind: itemKind, ...item } : item;
        out.push(clean(filled, drop));
      }
      continue;
    }
    out.push(clean(doc, drop));
  }
  return { docs: out, dropped };
}

function clean(doc: unknown, drop: (what: string) => void): unknown {
  if (!isObject(doc)) return doc;
  const copy: Json = { ...doc };
  if (copy.status !== undefined) {
    delete copy.status;
    drop('status');
  }
  if (isObject(copy.metadata)) {
    const meta: Json = { ...copy.metadata };
    for (const key of SERVER_METADATA) {
      if (meta[key] !== undefined) {
        delete meta[key];
        drop(`metadata.${key}`);
      }
    }
    // A name made from generateName is the run's, not the definition's.
    if (
      typeof meta.generateName === 'string' &&
      typeof meta.name === 'string' &&
      meta.name.startsWith(meta.generateName)
    ) {
      delete meta.name;
      drop('metadata.name (made from generateName)');
    }
    for (const field of ['annotations', 'labels'] as const) {
      const map = meta[field];
      if (!isObject(map)) continue;
      const kept: Json = {};
      for (const [k, v] of Object.entries(map)) {
        if ((SET_BY_TOOLS[field] as readonly string[]).includes(k)) drop(`metadata.${field}.${k}`);
        else kept[k] = v;
      }
      if (Object.keys(kept).length > 0) meta[field] = kept;
      else delete meta[field];
    }
    copy.metadata = meta;
  }
  return copy;
}
