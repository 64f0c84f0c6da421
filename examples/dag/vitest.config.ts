import { vitestConfig } from '../../vitest.shared.ts';

/** The stage tests and the shape of the compiled DAG. */
export default vitestConfig();
