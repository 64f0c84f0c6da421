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
      exclude: ['test/integration/**', '**/node_modules/**'],
      typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
      testTimeout: 30_000,
      passWithNoTests: false,
      ...test,
    },
  });
}

export default vitestConfig();
