import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** Unit tests only: `test/integration/` runs under `pnpm test:integration` (Chromium), `test/containers/` under `pnpm test:containers` (podman). */
export default mergeConfig(
  shared,
  defineConfig({ test: { exclude: ['test/integration/**', 'test/containers/**', '**/node_modules/**'] } }),
);
