import { vitestConfig } from './vitest.shared.ts';

/** Runs of workflows in real containers (podman): slow, one file at a time, skipped without an engine. */
export default vitestConfig({
  include: ['packages/*/test/containers/**/*.test.ts', 'examples/*/test/containers/**/*.test.ts'],
  exclude: ['**/node_modules/**'],
  typecheck: { enabled: false },
  fileParallelism: false,
  testTimeout: 300_000,
  hookTimeout: 300_000,
  passWithNoTests: false,
});
