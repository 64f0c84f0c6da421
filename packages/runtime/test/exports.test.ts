import { expect, it } from 'vitest';
import * as api from '../src/index.js';

it('exports exactly the curated public API of @sluice/runtime', () => {
  expect(Object.keys(api).sort()).toEqual([
    'EXECUTION_DATE_PARAM',
    'FatalError',
    'RetriableError',
    'StageExitCode',
    'bundleSourcesComment',
    'defineStage',
    'exitCodeFor',
    'isStage',
    'printable',
    'pushToGateway',
    'runStage',
    'stageSource',
    'toCamelCase',
    'toKebabCase',
    'writeFileAtomic',
  ]);
});
