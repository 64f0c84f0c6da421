import { expect, it } from 'vitest';
import * as api from '../src/index.js';

it('exports exactly the curated public API of @sluice/argo-types', () => {
  expect(Object.keys(api).sort()).toEqual([
    'argoVersions',
    'defaultArgoVersion',
    'formatIssue',
    'loadArgoSchema',
    'parseArgoVersion',
    'validateManifest',
    'workflowKinds',
  ]);
});
