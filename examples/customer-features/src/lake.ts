import type { DatasetRef } from '@sluice/data';

/** The datasets of the pipeline, under the lake root (a PVC in the cluster, a local directory on a laptop). */
export function datasets(lakeRoot: string) {
  return {
    /** Orders as extracted, one partition per execution date. */
    rawOrders: { root: lakeRoot, name: 'raw_orders' },
    /** Orders that met the contract. */
    validOrders: { root: lakeRoot, name: 'valid_orders' },
    /** Orders that did not, with a `reason` column. */
    rejectedOrders: { root: lakeRoot, name: 'dead_letters_orders' },
    /** Feature files written by the transform partitions (`part-NNNNN.parquet`, one per partition). */
    featureParts: { root: lakeRoot, name: 'customer_features_parts' },
    /** The validated candidate: the parts consolidated and checked, what load publishes. */
    featureCandidate: { root: lakeRoot, name: 'customer_features_candidate' },
  } satisfies Record<string, DatasetRef>;
}

/** The feature store's dataset. Only the load stage writes it. */
export function featureStore(storeRoot: string): DatasetRef {
  return { root: storeRoot, name: 'customer_features' };
}

/** SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `read_parquet([...])` over exactly these files. */
export function readParquet(files: readonly string[]): string {
  return `read_parquet([${files.map(sqlString).join(', ')}])`;
}
