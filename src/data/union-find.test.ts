import { describe, expect, it } from 'vitest';
import { UnionFind } from './union-find.js';

describe('UnionFind', () => {
  it('starts with singletons and joins sets', () => {
    const sets = new UnionFind(5);
    expect(sets.count).toBe(5);
    expect(sets.union(0, 1)).toBe(true);
    expect(sets.union(3, 4)).toBe(true);
    expect(sets.union(1, 0)).toBe(false);
    expect(sets.count).toBe(3);
    expect(sets.connected(0, 1)).toBe(true);
    expect(sets.connected(1, 3)).toBe(false);
    expect(sets.union(1, 4)).toBe(true);
    expect(sets.connected(0, 3)).toBe(true);
    expect(sets.count).toBe(2);
  });

  it('labels sets densely in order of their smallest element', () => {
    const sets = new UnionFind(6);
    sets.union(5, 2);
    sets.union(4, 0);
    sets.union(3, 4);
    expect([...sets.labels()]).toEqual([0, 1, 2, 0, 0, 2]);
  });

  it('handles an empty universe and rejects bad sizes', () => {
    expect(new UnionFind(0).labels()).toHaveLength(0);
    expect(() => new UnionFind(-1)).toThrow(RangeError);
    expect(() => new UnionFind(1.5)).toThrow(RangeError);
  });

  it('keeps finds shallow on a long chain (path halving + rank)', () => {
    const n = 100_000;
    const sets = new UnionFind(n);
    for (let i = 1; i < n; i++) sets.union(i - 1, i);
    expect(sets.count).toBe(1);
    const root = sets.find(0);
    for (let i = 0; i < n; i += 997) expect(sets.find(i)).toBe(root);
  });
});
