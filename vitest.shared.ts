import { defineConfig, type ViteUserConfig } from 'vitest/config';

type TestOptions = NonNullable<ViteUserConfig['test']>;

/** Resolve workspace packages from their TypeScript sources, so tests need no build. */
const conditions = ['source', 'import', 'module', 'node', 'default'];

/** The one vitest configuration of the repository; each suite overrides only its `test` options. */
export function vitestConfig(test: TestOptions = {}) {
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: conditions } },
    test: {
      include: ['test/**/*.test.ts'],
      exclude: ['test/integration/**', 'test/containers/**', '**/node_modules/**'],
      // Type tests (`*.test-d.ts`) are compiled by tsc. `.ci/run` sets SLUICE_TYPECHECKED=1 after `pnpm typecheck`,
      // which already compiled them with each package's tsconfig, so CI does not compile them twice.
      typecheck: {
        enabled: process.env.SLUICE_TYPECHECKED !== '1',
        include: ['test/**/*.test-d.ts'],
        tsconfig: './tsconfig.json',
      },
      // At least 3x the longest test measured on a busy 2-core machine (longer tests set their own limit).
      testTimeout: 60_000,
      hookTimeout: 60_000,
      passWithNoTests: false,
      // Test files share one module graph per worker: importing the packages is most of a file's cost.
      isolate: false,
      ...test,
    },
  });
}

export default vitestConfig();
