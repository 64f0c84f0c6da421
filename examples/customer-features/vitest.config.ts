import { vitestConfig } from '../../vitest.shared.ts';

/** Stage tests on small synthetic data, the model, the golden compiled output and the linter (integration and containers: see root). */
export default vitestConfig({ exclude: ['test/integration/**', 'test/containers/**', '**/node_modules/**'] });
