import { expect, it } from 'vitest';
import * as api from '../src/index.js';

it('exports exactly the curated public API of @sluice/sdk', () => {
  expect(Object.keys(api).sort()).toEqual(
    [
      'ManifestParseError',
      'parseYamlDocuments',
      // linter
      'LINTED_KINDS',
      'argoRules',
      'cronScheduleProblem',
      'defaultRules',
      'formatLintReport',
      'lint',
      'policyRules',
      'timezoneProblem',
      // pipeline() layer
      'DEFAULT_ENVIRONMENTS',
      'DISRUPTIONS',
      'EXIT_CODE_1_ONLY',
      'INDEXED_JOB_POD_FAILURE_POLICY',
      'LOCAL_COMMAND_ANNOTATION',
      'Pipeline',
      'PipelineError',
      'compilePipeline',
      'compiledObjects',
      'imageProblem',
      'isPipeline',
      'kustomizeLayout',
      'pipeline',
    ].sort(),
  );
});
