import { expect, it } from 'vitest';
import * as api from '../src/index.js';

it('exports exactly the curated public API of @sluice/local', () => {
  expect(Object.keys(api).sort()).toEqual([
    'ExpressionError',
    'UnresolvedReferenceError',
    'UnrunnableTemplatesError',
    'WorkflowInputError',
    'decideRetry',
    'defaultRunsDir',
    'dependsTasks',
    'evaluateCondition',
    'evaluateDepends',
    'evaluateExpression',
    'formatDuration',
    'localCommandAnnotation',
    'localHandlerAnnotation',
    'parseDepends',
    'parseDuration',
    'parseExpression',
    'renderReport',
    'runLayout',
    'runWorkflow',
    'stageCounts',
    'substitute',
    'taskResults',
  ]);
});
