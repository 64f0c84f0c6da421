/** Name conversions shared by the pipeline compiler. */

/** `rawPath` → `raw-path`, at the type level (Argo parameter names). */
export type KebabCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? Tail extends Uncapitalize<Tail>
    ? `${Lowercase<Head>}${KebabCase<Tail>}`
    : `${Lowercase<Head>}-${KebabCase<Tail>}`
  : S;

/** `raw-path` → `rawPath`, at the type level (task ids as keys of `up`). */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** `rawPath` → `raw-path`. */
export function toKebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (upper) => `-${upper.toLowerCase()}`);
}

/** `raw-path` → `rawPath`. */
export function toCamelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, next: string) => next.toUpperCase());
}

const dnsLabel = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** True when `name` is a lower-case DNS label: usable as a Kubernetes object, Argo template and task name. */
export function isDnsLabel(name: string, max = 63): boolean {
  return name.length <= max && dnsLabel.test(name);
}
