export { argoRules } from './argo/index.js';
export { policyRules } from './policy/index.js';
