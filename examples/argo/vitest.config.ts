import { vitestConfig } from '../../vitest.shared.ts';

/** The golden comparison of every example with its upstream Argo file, plus the coverage and README checks. */
export default vitestConfig();
