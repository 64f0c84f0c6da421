import { packageBuild } from '../../tsup.shared.ts';

/** The root entry (newest release's types and the validator) and one types-only entry per Argo release. */
export default packageBuild({
  entry: ['src/index.ts', 'src/v3.5.ts', 'src/v3.6.ts', 'src/v3.7.ts', 'src/v4.0.ts', 'src/v4.1.ts'],
});
