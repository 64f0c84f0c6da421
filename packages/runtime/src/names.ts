/**
 * Kebab-case ⇄ camelCase for parameter and output names: Argo names them `raw-path`, TypeScript `rawPath`.
 */

/**
 * `rawPath` → `raw-path`, at the type level.
 * @example
 * ```ts
 * import type { KebabCase } from '@sluice/runtime';
 *
 * const name: KebabCase<'rawPath'> = 'raw-path';
 * ```
 */
export type KebabCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? Tail extends Uncapitalize<Tail>
    ? `${Lowercase<Head>}${KebabCase<Tail>}`
    : `${Lowercase<Head>}-${KebabCase<Tail>}`
  : S;

/**
 * `rawPath` → `raw-path`.
 * @example
 * ```ts
 * import { toKebabCase } from '@sluice/runtime';
 *
 * toKebabCase('rawPath'); // 'raw-path'
 * ```
 */
export function toKebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (upper) => `-${upper.toLowerCase()}`);
}

/**
 * `raw-path` → `rawPath`.
 * @example
 * ```ts
 * import { toCamelCase } from '@sluice/runtime';
 *
 * toCamelCase('raw-path'); // 'rawPath'
 * ```
 */
export function toCamelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, next: string) => next.toUpperCase());
}

const camelKey = /^[a-z][a-zA-Z0-9]*$/;

/**
 * Why a schema key cannot be a stage parameter or output name, or `undefined` when it can: the key must be
 * camelCase and survive the round trip through its kebab-case form, so `--param raw-path=…` maps back to it.
 */
export function invalidKeyReason(key: string): string | undefined {
  if (!camelKey.test(key)) return 'must be camelCase: a lower-case letter, then letters and digits (e.g. rawPath)';
  if (/[A-Z]{2}/.test(key) || /[A-Z]$/.test(key))
    return `has consecutive or trailing capitals, so its kebab-case form "${toKebabCase(key)}" does not map back to it (write e.g. "apiUrl", not "apiURL")`;
  if (/[0-9][A-Z]|[A-Z][0-9]/.test(key) && toCamelCase(toKebabCase(key)) !== key)
    return `does not map back from its kebab-case form "${toKebabCase(key)}"`;
  return undefined;
}

/**
 * The parameter every stage takes, in addition to its own: the logical date it processes (`YYYY-MM-DD`).
 * @example
 * ```ts
 * import { EXECUTION_DATE_PARAM } from '@sluice/runtime';
 *
 * const argv = ['--param', `${EXECUTION_DATE_PARAM}=2026-06-17`];
 * ```
 */
export const EXECUTION_DATE_PARAM = 'execution-date';
