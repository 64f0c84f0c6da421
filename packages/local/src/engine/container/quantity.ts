const binary: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimal: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

/**
 * A Kubernetes memory quantity (`512Mi`, `1G`, `1e9`, `1000`) in bytes, rounded up as the kubelet does.
 *
 * @example
 * ```ts
 * memoryLimit('256Mi'); // 268435456
 * ```
 */
export function memoryLimit(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?(?:e\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?$/.exec(quantity.trim());
  if (match === null) throw new Error(`memory limit "${quantity}" is not a Kubernetes quantity (e.g. 512Mi, 1Gi)`);
  const value = Number(match[1]);
  const suffix = match[2] ?? '';
  const factor = suffix === 'm' ? 1e-3 : (binary[suffix] ?? decimal[suffix] ?? 1);
  return Math.ceil(value * factor);
}

/**
 * A Kubernetes CPU quantity (`500m`, `2`, `0.25`) in cores.
 *
 * @example
 * ```ts
 * cpuLimit('500m'); // 0.5
 * ```
 */
export function cpuLimit(quantity: string): number {
  const match = /^(\d+(?:\.\d+)?)(m)?$/.exec(quantity.trim());
  if (match === null) throw new Error(`cpu limit "${quantity}" is not a Kubernetes quantity (e.g. 500m, 2)`);
  const value = Number(match[1]);
  return match[2] === 'm' ? value / 1000 : value;
}
