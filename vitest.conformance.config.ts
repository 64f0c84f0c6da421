import { defineConfig, mergeConfig } from 'vitest/config';
import shared from './vitest.shared.ts';

/** Conformance tests: the upstream Argo corpus (`ARGO_CORPUS`, default ../shared/argo/examples). */
export default mergeConfig(
  shared,
  defineConfig({ test: { include: ['test/conformance/**/*.test.ts'], typecheck: { enabled: false } } }),
);
