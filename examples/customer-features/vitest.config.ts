import { vitestConfig } from '../../vitest.shared.ts';

/** Stage tests on small synthetic data, the model, the golden compiled output and the linter. */
export default vitestConfig();
