/**
 * Disjoint sets over 0..size-1 in typed arrays: union by rank, find with path halving. Typed arrays
 * keep 10 M elements at ~50 MB and out of the GC's way, where objects per node would not.
 * Rank is at most log2(size) < 32, so it fits a byte.
 */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly rank: Uint8Array;
  private sets: number;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 0 || size > 0x7fffffff) throw new RangeError(`bad union-find size ${size}`);
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
    this.rank = new Uint8Array(size);
    this.sets = size;
  }

  get size(): number {
    return this.parent.length;
  }

  /** Number of disjoint sets. */
  get count(): number {
    return this.sets;
  }

  /** The representative of x's set. Path halving: every other node on the way points to its grandparent. */
  find(x: number): number {
    const parent = this.parent;
    let node = x;
    while (parent[node] !== node) {
      const grand = parent[parent[node]!]!;
      parent[node] = grand;
      node = grand;
    }
    return node;
  }

  /** Joins the sets of a and b; false if they were already one. */
  union(a: number, b: number): boolean {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return false;
    if (this.rank[ra]! < this.rank[rb]!) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    if (this.rank[ra] === this.rank[rb]) this.rank[ra]! += 1;
    this.sets -= 1;
    return true;
  }

  connected(a: number, b: number): boolean {
    return this.find(a) === this.find(b);
  }

  /**
   * Dense labels 0..count-1 per element, numbered in order of each set's smallest element, so the
   * labelling depends only on the partition and the element numbering, not on the union order.
   */
  labels(): Int32Array {
    const labels = new Int32Array(this.size).fill(-1);
    const rootLabel = new Int32Array(this.size).fill(-1);
    let next = 0;
    for (let i = 0; i < this.size; i++) {
      const root = this.find(i);
      if (rootLabel[root] === -1) rootLabel[root] = next++;
      labels[i] = rootLabel[root]!;
    }
    return labels;
  }
}
