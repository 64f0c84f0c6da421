import { describe, expect, it } from 'vitest';
import {
  argoRules,
  defineConfig,
  LINT_RULE_IDS,
  policyRules,
  SluiceConfigError,
  validateConfig,
} from '../../src/index.js';

function problem(value: unknown): string {
  try {
    validateConfig(value, 'sluice.config.ts');
  } catch (error) {
    expect(error).toBeInstanceOf(SluiceConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a SluiceConfigError');
}

describe('LINT_RULE_IDS', () => {
  it('lists exactly the built-in rules plus the structural and duplicate-template findings', () => {
    expect([...LINT_RULE_IDS].sort()).toEqual(
      ['schema/structure', 'argo/duplicate-template', ...[...argoRules, ...policyRules].map((r) => r.id)].sort(),
    );
  });
});

describe('validateConfig', () => {
  it('returns a valid configuration unchanged', () => {
    const config = defineConfig({
      lint: { policy: true, rules: { 'policy/resource-limits': 'warning', 'argo/metrics': 'off' } },
    });
    expect(validateConfig(config, 'sluice.config.ts')).toEqual(config);
    expect(validateConfig({}, 'sluice.config.json')).toEqual({});
  });

  it('names the file and suggests the nearest rule id for an unknown one', () => {
    expect(problem({ lint: { rules: { 'policy/require-limits': 'warning' } } })).toBe(
      'sluice.config.ts: lint.rules: unknown rule id "policy/require-limits"; did you mean "policy/resource-limits"? (rule ids are listed in docs/lint.md)',
    );
    expect(problem({ lint: { rules: { 'argo/pinned-image': 'off' } } })).toContain(
      'did you mean "policy/pinned-image"?',
    );
    expect(problem({ lint: { rules: { 'no-such-thing-at-all': 'off' } } })).toBe(
      'sluice.config.ts: lint.rules: unknown rule id "no-such-thing-at-all" (rule ids are listed in docs/lint.md)',
    );
  });

  it('rejects bad severities, unknown keys and wrong types', () => {
    expect(problem({ lint: { rules: { 'policy/pinned-image': 'warn' } } })).toBe(
      'sluice.config.ts: lint.rules["policy/pinned-image"]: severity "warn" is not one of error, warning, off',
    );
    expect(problem({ lnt: {} })).toBe(
      'sluice.config.ts: unknown key "lnt"; did you mean "lint"? (allowed: lint, workflowDefaults, argoVersion)',
    );
    expect(problem({ lint: { polcy: true } })).toContain('lint: unknown key "polcy"; did you mean "policy"?');
    expect(problem({ lint: { policy: 'yes' } })).toBe('sluice.config.ts: lint.policy must be true or false, not "yes"');
    expect(problem({ lint: { rules: [] } })).toContain('lint.rules must be an object');
    expect(problem(null)).toContain('the configuration must be an object');
  });
});
