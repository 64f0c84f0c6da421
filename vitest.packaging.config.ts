import { vitestConfig } from './vitest.shared.ts';

/**
 * The packaging test: packs the packages, installs the tarballs into temporary projects outside the repository
 * (with npm and pnpm, from the registry) and makes a project from every template. Slow and networked: its own
 * command, `pnpm test:packaging`, which `.ci/run` runs after `pnpm build`.
 */
export default vitestConfig({
  include: ['test/packaging/**/*.test.ts'],
  exclude: ['**/node_modules/**'],
  typecheck: { enabled: false },
  fileParallelism: false,
  testTimeout: 900_000,
  hookTimeout: 900_000,
});
