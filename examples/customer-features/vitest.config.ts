import { vitestConfig } from '../../vitest.shared.ts';

/** Stage tests on small synthetic data, the model, the golden compiled output and the linter (integration: see root). */
export default vitestConfig({ exclude: ['test/integration/**', '**/node_modules/**'] });
