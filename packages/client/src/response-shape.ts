/**
 * The one place that checks what an Argo Server answers before anything uses it: a truncated body, an HTML page
 * from a proxy or a list item without `metadata` is an {@link InvalidResponseError}, never a TypeError later.
 */

/** Checks a parsed 2xx body; returns what is wrong, or undefined when the body has the expected shape. */
export type ResponseShape = (body: unknown) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Any JSON object (the default for every JSON call). */
export const anyObject: ResponseShape = (body) => (isObject(body) ? undefined : 'the body is not a JSON object');

function namedObject(value: unknown, what: string): string | undefined {
  if (!isObject(value)) return `${what} is not a JSON object`;
  const metadata = value.metadata;
  if (!isObject(metadata)) return `${what} has no metadata`;
  if (typeof metadata.name !== 'string' || metadata.name === '') return `${what} has no metadata.name`;
  return undefined;
}

/**
 * A Kubernetes object with `metadata.name`; with `partial` (a `fields` filter was sent) only an object is required.
 */
export function namedResource(partial = false): ResponseShape {
  return (body) => (partial ? anyObject(body) : namedObject(body, 'the object'));
}

/** A list: `items` absent, null or an array of named objects (with `partial`, of objects). */
export function resourceList(partial = false): ResponseShape {
  return (body) => {
    if (!isObject(body)) return 'the body is not a JSON object';
    const items = body.items;
    if (items === undefined || items === null) return undefined;
    if (!Array.isArray(items)) return '`items` is not a list';
    for (const [index, item] of items.entries()) {
      const problem = partial
        ? isObject(item)
          ? undefined
          : `item ${index} is not a JSON object`
        : namedObject(item, `item ${index}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}
