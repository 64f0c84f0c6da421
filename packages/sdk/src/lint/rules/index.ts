import type { LintRule } from '../types.js';
import { argoRules } from './argo/index.js';
import { policyRules } from './policy/index.js';

export { argoRules } from './argo/index.js';
export { policyRules } from './policy/index.js';

/** The rules `lint()` runs by default: Argo's validator rules, then the policy rules. */
export const defaultRules: readonly LintRule[] = [...argoRules, ...policyRules];
