import type { LintRule } from '../../types.js';

/**
 * Sluice's own policy rules (resource limits, pinned images, Pod Security Standards, …), run after Argo's rules.
 * Each lives in its own file in this folder with an id `policy/<name>` and is listed here; users change their
 * severity with `LintOptions.severity`.
 */
export const policyRules: readonly LintRule[] = [];
