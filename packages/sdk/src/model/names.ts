/**
 * The Argo name of a parameter or artifact declared under the TypeScript key `key`: camelCase becomes kebab-case
 * (`rawPath` → `raw-path`, `modelURL` → `model-url`); keys already in kebab-case, snake_case or lower case stay as
 * they are. An explicit `name` in the declaration wins.
 * @example
 * ```ts
 * import { argoName } from '@sluice/sdk';
 *
 * argoName('rawPath'); // 'raw-path'
 * ```
 */
export function argoName(key: string): string {
  if (!/[A-Z]/.test(key)) return key;
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}
