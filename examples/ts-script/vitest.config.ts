import { vitestConfig } from '../../vitest.shared.ts';

/** The functions as plain functions, the compiled workflow, and a local run of it. */
export default vitestConfig();
