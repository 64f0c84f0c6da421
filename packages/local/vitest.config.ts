import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

/** Unit tests only: `test/integration/` runs under `pnpm test:integration`, with Chromium. */
export default mergeConfig(shared, defineConfig({ test: { exclude: ['test/integration/**', '**/node_modules/**'] } }));
