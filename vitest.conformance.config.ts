import { vitestConfig } from './vitest.shared.ts';

/** Conformance tests: the upstream Argo corpus (`ARGO_CORPUS`, default ../shared/argo/examples). */
export default vitestConfig({ include: ['test/conformance/**/*.test.ts'], typecheck: { enabled: false } });
