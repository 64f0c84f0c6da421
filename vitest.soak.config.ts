import { vitestConfig } from './vitest.shared.ts';

/**
 * Soak tests: the full kill -9 suites and other long trials, run by `pnpm test:soak` with SLUICE_SOAK=1.
 * `pnpm test` runs the same kill suites with fewer trials; `.ci/run` runs this with its own generous limit.
 */
export default vitestConfig({
  include: [
    'packages/runtime/test/kill-during-checkpoint.test.ts',
    'packages/data/test/crash.test.ts',
    'packages/local/test/kill-resume.test.ts',
    'packages/*/test/soak/**/*.test.ts',
  ],
  setupFiles: ['packages/runtime/test/setup.ts'],
  typecheck: { enabled: false },
  fileParallelism: false,
  testTimeout: 1_200_000,
  hookTimeout: 300_000,
});
