import { vitestConfig } from './vitest.shared.ts';

/** Tests of the repository's own tooling (scripts/, codegen/). */
export default vitestConfig({ include: ['test/tools/**/*.test.ts'], typecheck: { enabled: false } });
