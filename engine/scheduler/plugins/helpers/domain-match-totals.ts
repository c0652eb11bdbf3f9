/**
 * Matching-pod totals per topology value over every node of the snapshot, for one (namespace, selector,
 * topology key), kept in step with the snapshot by comparing each node's generation with the one last
 * counted. A cycle re-counts only nodes that changed since, so default spreading costs one cheap comparison
 * per node instead of a pass over every pod. A node without the key counts under '' (as upstream's pair
 * {key, ""} when not every topology key is required).
 */
import type { NodeInfo } from '../../framework/interface';

export class DomainMatchTotals {
  private nodes: NodeInfo[] = [];
  private generations: number[] = [];
  private values: string[] = [];
  private counts: number[] = [];
  private readonly totals = new Map<string, number>();

  constructor(private readonly topologyKey: string) {}

  /** Brings the totals up to date with `list`, counting changed nodes with `count`. */
  sync(list: readonly NodeInfo[], count: (n: NodeInfo) => number): void {
    if (list.length !== this.nodes.length) this.reset(list.length);
    for (let i = 0; i < list.length; i++) {
      const n = list[i] as NodeInfo;
      if (n === this.nodes[i] && n.generation === this.generations[i]) continue;
      if (this.nodes[i] !== undefined) this.addTo(this.values[i] as string, -(this.counts[i] as number));
      const value = n.node.metadata?.labels?.[this.topologyKey] ?? '';
      const c = count(n);
      this.nodes[i] = n;
      this.generations[i] = n.generation;
      this.values[i] = value;
      this.counts[i] = c;
      this.addTo(value, c);
    }
  }

  total(value: string): number {
    return this.totals.get(value) ?? 0;
  }

  private reset(length: number): void {
    this.nodes = new Array<NodeInfo>(length);
    this.generations = new Array<number>(length).fill(-1);
    this.values = new Array<string>(length).fill('');
    this.counts = new Array<number>(length).fill(0);
    this.totals.clear();
  }

  private addTo(value: string, delta: number): void {
    if (delta !== 0) this.totals.set(value, (this.totals.get(value) ?? 0) + delta);
  }
}

/** A small most-recently-used map of totals, so many workloads do not keep one array set each forever. */
export class DomainMatchTotalsCache {
  private readonly entries = new Map<string, DomainMatchTotals>();
  constructor(private readonly capacity = 16) {}

  get(key: string, topologyKey: string): DomainMatchTotals {
    const full = `${key}\u0000${topologyKey}`;
    let t = this.entries.get(full);
    if (t) {
      this.entries.delete(full);
    } else {
      t = new DomainMatchTotals(topologyKey);
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(full, t);
    return t;
  }
}
