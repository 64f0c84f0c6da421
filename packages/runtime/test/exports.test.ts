import { expect, it } from 'vitest';
import * as api from '../src/index.js';

it('exports exactly the curated public API of @sluice/runtime', () => {
  expect(Object.keys(api).sort()).toEqual(['FatalError', 'RetriableError', 'StageExitCode', 'exitCodeFor']);
});
