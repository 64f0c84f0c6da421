import type { NodeStatus } from '@sluice/argo-types';

/** A node placed on the drawing. */
export interface PlacedNode {
  readonly node: NodeStatus;
  /** Layer (0 at the top). */
  readonly layer: number;
  /** Position within its layer. */
  readonly slot: number;
}

/** A layered layout of the node graph (edges are `children`), in the manner of Argo's UI. */
export interface GraphLayout {
  readonly placed: readonly PlacedNode[];
  readonly edges: readonly (readonly [string, string])[];
  /** Most nodes in one layer. */
  readonly width: number;
  /** Number of layers. */
  readonly depth: number;
}

/**
 * Places every node of a workflow status in layers by longest path from the roots, ordering each layer by the
 * mean position of its parents (one barycentre pass), so that a diamond draws as a diamond.
 */
export function layoutGraph(nodes: Readonly<Record<string, NodeStatus>>): GraphLayout {
  const ids = Object.keys(nodes);
  const edges: [string, string][] = [];
  const incoming = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const id of ids) {
    for (const child of nodes[id]?.children ?? []) {
      if (!incoming.has(child)) continue;
      edges.push([id, child]);
      incoming.set(child, (incoming.get(child) ?? 0) + 1);
    }
  }
  const layer = new Map<string, number>();
  const queue = ids.filter((id) => incoming.get(id) === 0);
  for (const id of queue) layer.set(id, 0);
  const remaining = new Map(incoming);
  const order: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    order.push(id);
    for (const child of nodes[id]?.children ?? []) {
      if (!remaining.has(child)) continue;
      layer.set(child, Math.max(layer.get(child) ?? 0, (layer.get(id) ?? 0) + 1));
      const left = (remaining.get(child) ?? 1) - 1;
      remaining.set(child, left);
      if (left === 0) queue.push(child);
    }
  }
  // Nodes on a cycle (never in a valid status) still get drawn, on the last layer.
  const deepest = Math.max(0, ...layer.values());
  for (const id of ids)
    if (!layer.has(id)) {
      layer.set(id, deepest + 1);
      order.push(id);
    }
  const layers: string[][] = [];
  for (const id of order) {
    const at = layer.get(id) ?? 0;
    const row = layers[at] ?? [];
    row.push(id);
    layers[at] = row;
  }
  const slot = new Map<string, number>();
  const parents = new Map<string, string[]>();
  for (const [from, to] of edges) parents.set(to, [...(parents.get(to) ?? []), from]);
  for (const row of layers) {
    if (row === undefined) continue;
    const weight = (id: string) => {
      const ps = (parents.get(id) ?? []).map((p) => slot.get(p)).filter((s) => s !== undefined);
      return ps.length === 0 ? Number.POSITIVE_INFINITY : ps.reduce((a, b) => a + b, 0) / ps.length;
    };
    const sorted = row
      .map((id, i) => ({ id, i, w: weight(id) }))
      .sort((a, b) => (a.w === b.w ? a.i - b.i : a.w < b.w ? -1 : 1));
    for (const [i, entry] of sorted.entries()) slot.set(entry.id, i);
  }
  const placed = ids.map((id) => ({
    node: nodes[id] as NodeStatus,
    layer: layer.get(id) ?? 0,
    slot: slot.get(id) ?? 0,
  }));
  return {
    placed,
    edges,
    width: Math.max(1, ...layers.map((r) => r?.length ?? 0)),
    depth: layers.length,
  };
}
