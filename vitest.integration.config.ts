import { vitestConfig } from './vitest.shared.ts';

/** Integration tests against real services (Pushgateway, PostgreSQL, Chromium) that `.ci/run` starts. */
export default vitestConfig({
  include: ['packages/*/test/integration/**/*.test.ts', 'examples/*/test/integration/**/*.test.ts'],
  exclude: ['**/node_modules/**'],
  typecheck: { enabled: false },
  fileParallelism: false,
  testTimeout: 120_000,
  passWithNoTests: false,
});
