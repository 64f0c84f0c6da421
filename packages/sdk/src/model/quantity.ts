/**
 * Kubernetes resource quantities (`500m`, `6Gi`, `1.5`): parsing, scaling and formatting, enough for
 * "limit = peak + 25%" and per-environment scaling without floating-point noise in the output.
 */

const binary: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimal: Record<string, number> = { m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const pattern = /^(?<num>[0-9]+(?:\.[0-9]+)?)(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;

/** The value of a quantity in base units (bytes or cores), or `undefined` when it is not a quantity. */
export function parseQuantity(quantity: string): number | undefined {
  const match = pattern.exec(quantity);
  if (!match?.groups?.num) return undefined;
  const suffix = match.groups.suffix ?? '';
  const factor = binary[suffix] ?? decimal[suffix];
  return factor === undefined ? undefined : Number(match.groups.num) * factor;
}

/** True when `quantity` is a Kubernetes quantity this module understands. */
export function isQuantity(quantity: string): boolean {
  return parseQuantity(quantity) !== undefined;
}

/**
 * Memory `quantity` × `factor`, rounded up to a whole Mi (e.g. `6Gi` × 1.25 → `7680Mi`, `4Gi` × 1.25 → `5Gi`).
 */
export function scaleMemory(quantity: string, factor: number): string {
  const bytes = parseQuantity(quantity);
  if (bytes === undefined) throw new RangeError(`"${quantity}" is not a memory quantity (e.g. 512Mi, 6Gi)`);
  const mi = Math.ceil((bytes * factor) / 2 ** 20);
  return mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`;
}

/** CPU `quantity` × `factor`, rounded up to a whole millicore (e.g. `2` × 0.5 → `1`, `500m` × 0.5 → `250m`). */
export function scaleCpu(quantity: string, factor: number): string {
  const cores = parseQuantity(quantity);
  if (cores === undefined) throw new RangeError(`"${quantity}" is not a CPU quantity (e.g. 500m, 2)`);
  const milli = Math.max(1, Math.ceil(Math.round(cores * factor * 1e6) / 1e3));
  return milli % 1000 === 0 ? `${milli / 1000}` : `${milli}m`;
}
