import { defineConfig } from '@sluice/sdk';

/** The CI's lint configuration, as docs/cli.md's `workflow lint deploy/ --config ci/sluice.config.ts` uses it. */
export default defineConfig({
  lint: { rules: { 'policy/required-labels': 'error' } },
});
