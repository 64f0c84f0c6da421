import { defineConfig, mergeConfig } from 'vitest/config';
import shared from './vitest.shared.ts';

/** Integration tests against real services (Pushgateway, PostgreSQL, Chromium) that `.ci/run` starts. */
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      include: ['packages/*/test/integration/**/*.test.ts', 'examples/*/test/integration/**/*.test.ts'],
      typecheck: { enabled: false },
      fileParallelism: false,
      testTimeout: 120_000,
      passWithNoTests: true,
    },
  }),
);
