import { expect, it } from 'vitest';
import * as api from '../src/index.js';

it('exports exactly the curated public API of @sluice/client', () => {
  expect(Object.keys(api).sort()).toEqual([
    'AlreadyExistsError',
    'ArgoServerError',
    'ConfigError',
    'DefinitionConflictError',
    'GrpcCode',
    'InternalError',
    'InvalidArgumentError',
    'InvalidResponseError',
    'NotFoundError',
    'PermissionDeniedError',
    'TransportError',
    'UnauthenticatedError',
    'UnavailableError',
    'WaitTimeoutError',
    'backoffDelay',
    'codeName',
    'createClient',
    'defaultNamespace',
    'defaultRetryPolicy',
    'finishedPhases',
    'isFinished',
    'isTransient',
    'resolveConfig',
    'sseEvents',
  ]);
});
