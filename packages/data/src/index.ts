/**
 * @packageDocumentation
 * DuckDB and Apache Arrow helpers for stages: Parquet partitions in a Hive layout keyed by execution date,
 * contracts with dead letters, feature checks, atomic and versioned partition replacement, and lineage records.
 * Plain functions: they take paths, dates and DuckDB connections and return counts and reports that a stage
 * passes on to its own metrics.
 */

export { partitionContentHash } from './content-hash.js';
export {
  CONTRACT_TYPES,
  type ColumnRule,
  type Contract,
  type ContractType,
  checkContract,
} from './contract.js';
export { type ApplyContractOptions, applyContract, type ContractResult, REASON_COLUMN } from './contract-gate.js';
export { assertDatasetName, type DatasetRef, datasetDir, executionDay, partFileName, partitionDir } from './dataset.js';
export { type DuckDB, type OpenDuckDBOptions, openDuckDB } from './duckdb.js';
export {
  type CheckFeaturesOptions,
  checkFeatures,
  type DistinctCountCheck,
  type FeatureCheck,
  type FeatureCheckResult,
  type FeatureReport,
  type MeanDriftCheck,
  type NullRateCheck,
  type QuantileDriftCheck,
  type RangeCheck,
  type RowCountCheck,
} from './feature-checks.js';
export {
  createRunEvent,
  LINEAGE_PRODUCER,
  type LineageDataset,
  type LineageEventDataset,
  type LineageFacet,
  type LineageRecord,
  lineageDataset,
  lineageRunId,
  type RecordLineageOptions,
  type RunEvent,
  type RunEventInput,
  type RunEventType,
  recordLineage,
} from './lineage.js';
export {
  partitionFiles,
  partitionRelation,
  type ReadPartitionOptions,
  readPartitionArrow,
  writePartitionFromArrow,
} from './partition-io.js';
export {
  listPartitionVersions,
  type PartitionRollback,
  type PartitionSource,
  type PartitionVersion,
  type PartitionWrite,
  type ReplacePartitionOptions,
  type RollbackPartitionOptions,
  replacePartition,
  rollbackPartition,
} from './partition-versions.js';
export { ARROW_CONVERTIBLE_TYPES, queryArrow } from './query-arrow.js';
export { contractFromZod } from './zod-contract.js';
