import { vitestConfig } from '../../vitest.shared.ts';

/** The stage tests, on a small synthetic day. */
export default vitestConfig();
