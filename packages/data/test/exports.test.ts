import { expect, it } from 'vitest';
import * as api from '../src/index.js';

it('exports exactly the curated public API of @sluice/data', () => {
  expect(Object.keys(api).sort()).toEqual(EXPECTED);
});

const EXPECTED = [
  'ARROW_CONVERTIBLE_TYPES',
  'applyContract',
  'checkContract',
  'checkFeatures',
  'CONTRACT_TYPES',
  'contractFromZod',
  'createRunEvent',
  'LINEAGE_PRODUCER',
  'lineageDataset',
  'lineageRunId',
  'recordLineage',
  'REASON_COLUMN',
  'assertDatasetName',
  'datasetDir',
  'executionDay',
  'listPartitionVersions',
  'openDuckDB',
  'partFileName',
  'partitionContentHash',
  'partitionDir',
  'partitionFiles',
  'partitionRelation',
  'queryArrow',
  'readPartitionArrow',
  'replacePartition',
  'rollbackPartition',
  'writePartitionFromArrow',
].sort();
