import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** Unit and process-level tests; test/integration needs real services and runs in `pnpm test:integration`. */
export default mergeConfig(
  shared,
  defineConfig({ test: { exclude: ['test/integration/**', '**/node_modules/**'], setupFiles: ['test/setup.ts'] } }),
);
