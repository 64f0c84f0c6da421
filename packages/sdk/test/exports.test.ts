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
    ].sort(),
  );
});
