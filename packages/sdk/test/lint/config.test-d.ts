import { expectTypeOf, it } from 'vitest';
import { defineConfig, type LintRuleId, type SluiceConfig } from '../../src/index.js';

it('types rule ids as the union of the known ids', () => {
  expectTypeOf<'policy/resource-limits'>().toExtend<LintRuleId>();
  expectTypeOf<'policy/require-limits'>().not.toExtend<LintRuleId>();
  expectTypeOf(defineConfig({ lint: { rules: { 'argo/metrics': 'warning' } } })).toExtend<SluiceConfig>();
  // @ts-expect-error: an unknown rule id
  defineConfig({ lint: { rules: { 'policy/require-limits': 'warning' } } });
  // @ts-expect-error: an unknown severity
  defineConfig({ lint: { rules: { 'argo/metrics': 'warn' } } });
});
