/**
 * The set of keys that still have history, kept sorted for ranged reads. New keys are collected unsorted and
 * merged in on the next read, so a burst of creates costs O(1) each and the next list pays one sort of the
 * burst plus a linear merge (instead of an O(n) splice per create).
 */
/** Up to this many pending keys are spliced in one by one; more are sorted and merged. */
const SPLICE_LIMIT = 32;

export class SortedKeys {
  private sorted: string[] = [];
  private pending: string[] = [];
  private removed = new Set<string>();

  add(key: string): void {
    if (this.removed.delete(key)) return; // removed and re-added before the next read: still in `sorted`
    this.pending.push(key);
  }

  /** Marks a key as gone (its whole history was compacted away). */
  remove(key: string): void {
    const i = this.pending.indexOf(key);
    if (i >= 0) this.pending.splice(i, 1);
    else this.removed.add(key);
  }

  /** The keys in ascending code-unit order (etcd orders keys bytewise; keys here are ASCII). */
  all(): readonly string[] {
    if (this.removed.size > 0) {
      const removed = this.removed;
      this.sorted = this.sorted.filter((k) => !removed.has(k));
      this.removed = new Set();
    }
    if (this.pending.length > 0 && this.pending.length <= SPLICE_LIMIT) {
      // A few new keys between reads (the API server lists between single creates): insert each in place,
      // a memmove per key, instead of copying the whole array.
      for (const key of this.pending) this.sorted.splice(this.lowerBoundIn(this.sorted, key), 0, key);
      this.pending = [];
    } else if (this.pending.length > 0) {
      const add = this.pending.sort(compareKeys);
      this.pending = [];
      const base = this.sorted;
      if (base.length === 0 || compareKeys(base[base.length - 1]!, add[0]!) < 0) {
        this.sorted = base.concat(add);
      } else {
        const out: string[] = new Array(base.length + add.length);
        let i = 0, j = 0, o = 0;
        while (i < base.length && j < add.length) out[o++] = compareKeys(base[i]!, add[j]!) <= 0 ? base[i++]! : add[j++]!;
        while (i < base.length) out[o++] = base[i++]!;
        while (j < add.length) out[o++] = add[j++]!;
        this.sorted = out;
      }
    }
    return this.sorted;
  }

  /** Index of the first key >= `key` in `all()`. */
  lowerBound(key: string): number {
    return this.lowerBoundIn(this.all(), key);
  }

  private lowerBoundIn(keys: readonly string[], key: string): number {
    let lo = 0, hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(keys[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
