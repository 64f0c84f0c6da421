import { locationProblems } from '../../artifact-location.js';
import { isObject } from '../../json.js';
import type { LintRule } from '../../types.js';

/** Rule 32: a template's archiveLocation is a valid artifact location. */
export const archiveLocation: LintRule = {
  id: 'argo/archive-location',
  severity: 'error',
  description: 'archiveLocation git/hdfs locations are complete',
  validatesSpec: true,
  check(ctx, report) {
    for (const { template, name, path } of ctx.templates) {
      if (!isObject(template.archiveLocation)) continue;
      for (const message of locationProblems(`templates.${name}.archiveLocation`, template.archiveLocation)) {
        report({ path: `${path}.archiveLocation`, message });
      }
    }
  },
};
