import { expect, it } from 'vitest';
import * as api from '../src/index.js';

it('exports exactly the curated public API of @sluice/local', () => {
  expect(Object.keys(api).sort()).toEqual([
    'EngineUnavailableError',
    'ExpressionError',
    'ImageBuildError',
    'MissingImagesError',
    'RunDirectoryLockedError',
    'UnresolvedReferenceError',
    'UnrunnableTemplatesError',
    'WorkflowInputError',
    'buildStageImage',
    'decideRetry',
    'defaultBaseImage',
    'defaultRunsDir',
    'dependsTasks',
    'discoverEngine',
    'evaluateCondition',
    'evaluateDepends',
    'evaluateExpression',
    'formatDuration',
    'generatedDockerfile',
    'localCommandAnnotation',
    'localHandlerAnnotation',
    'parseDepends',
    'parseDuration',
    'parseExpression',
    'renderReport',
    'retryTimes',
    'runLayout',
    'runWorkflow',
    'stageCounts',
    'stageImagePlan',
    'substitute',
    'taskResults',
  ]);
});
