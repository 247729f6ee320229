/**
 * The JavaScript half of `golive data identities`: persons by union-find over browser and key
 * numbers, and the comparison with guests, all over typed arrays (no object per browser or edge).
 * Browser, key and guest numbers are dense and sorted by their text (identities-sql.ts), so "the
 * smallest number" is "the first in sorted order" and examples are deterministic.
 */
import { UnionFind } from './union-find.js';

/** Pairs of integers (an edge list), in two parallel arrays of equal length. */
export interface Pairs {
  a: Int32Array;
  b: Int32Array;
  length: number;
}

export interface Persons {
  /** Person number per browser; persons are numbered by their smallest browser. */
  personOf: Int32Array;
  count: number;
  /** First browser seen with each key (-1 when no edge has it). */
  keyBrowser: Int32Array;
}

/** Browsers sharing a key are one person, transitively. edges: a = browser, b = key. */
export function stitchPersons(browsers: number, keys: number, edges: Pairs): Persons {
  const sets = new UnionFind(browsers);
  const keyBrowser = new Int32Array(keys).fill(-1);
  for (let i = 0; i < edges.length; i++) {
    const browser = edges.a[i]!;
    const key = edges.b[i]!;
    const first = keyBrowser[key]!;
    if (first === -1) keyBrowser[key] = browser;
    else sets.union(first, browser);
  }
  return { personOf: sets.labels(), count: sets.count, keyBrowser };
}

/** Browsers per person. */
export function personSizes(persons: Persons): Int32Array {
  const sizes = new Int32Array(persons.count);
  for (const p of persons.personOf) sizes[p]! += 1;
  return sizes;
}

/** The n persons with the most browsers (more than one), largest first, ties by person number. */
export function largestPersons(sizes: Int32Array, n: number): number[] {
  const top: number[] = [];
  const before = (x: number, y: number) => sizes[x]! > sizes[y]! || (sizes[x] === sizes[y] && x < y);
  for (let p = 0; p < sizes.length && n > 0; p++) {
    if (sizes[p]! < 2) continue;
    if (top.length === n && !before(p, top[n - 1]!)) continue;
    let at = top.length === n ? n - 1 : top.length;
    top[at] = p;
    while (at > 0 && before(p, top[at - 1]!)) {
      top[at] = top[at - 1]!;
      top[at - 1] = p;
      at -= 1;
    }
  }
  return top;
}

/** The smallest key of each wanted person (its example identifier). */
export function firstKeys(persons: Persons, wanted: readonly number[]): Map<number, number> {
  const want = new Set(wanted);
  const found = new Map<number, number>();
  for (let k = 0; k < persons.keyBrowser.length && found.size < want.size; k++) {
    const browser = persons.keyBrowser[k]!;
    if (browser === -1) continue;
    const p = persons.personOf[browser]!;
    if (want.has(p) && !found.has(p)) found.set(p, k);
  }
  return found;
}

/** The first `n` browsers (smallest numbers) of each wanted person. */
export function firstBrowsers(persons: Persons, wanted: readonly number[], n: number): Map<number, number[]> {
  const found = new Map<number, number[]>(wanted.map((p) => [p, []]));
  for (let b = 0; b < persons.personOf.length; b++) {
    const list = found.get(persons.personOf[b]!);
    if (list !== undefined && list.length < n) list.push(b);
  }
  return found;
}

export interface GuestMatch {
  /** The guest a person reaches (any one), -1 when none. */
  personGuest: Int32Array;
  /** 1 when a person reaches two guests or more. */
  split: Uint8Array;
  splitCount: number;
}

/** guestEdges: a = guest, b = key (keys from the events only). */
export function matchGuests(persons: Persons, guestEdges: Pairs): GuestMatch {
  const personGuest = new Int32Array(persons.count).fill(-1);
  const split = new Uint8Array(persons.count);
  let splitCount = 0;
  for (let i = 0; i < guestEdges.length; i++) {
    const browser = persons.keyBrowser[guestEdges.b[i]!]!;
    if (browser === -1) continue;
    const p = persons.personOf[browser]!;
    const guest = guestEdges.a[i]!;
    if (personGuest[p] === -1) personGuest[p] = guest;
    else if (personGuest[p] !== guest && split[p] === 0) {
      split[p] = 1;
      splitCount += 1;
    }
  }
  return { personGuest, split, splitCount };
}

/** The first n split persons in person order, i.e. by their smallest browser. */
export function firstSplit(match: GuestMatch, n: number): number[] {
  const found: number[] = [];
  for (let p = 0; p < match.split.length && found.length < n; p++) if (match.split[p] === 1) found.push(p);
  return found;
}

/** Every guest each wanted person reaches, ascending. */
export function guestsOf(persons: Persons, guestEdges: Pairs, wanted: readonly number[]): Map<number, number[]> {
  const found = new Map<number, Set<number>>(wanted.map((p) => [p, new Set()]));
  for (let i = 0; i < guestEdges.length; i++) {
    const browser = persons.keyBrowser[guestEdges.b[i]!]!;
    if (browser !== -1) found.get(persons.personOf[browser]!)?.add(guestEdges.a[i]!);
  }
  return new Map([...found].map(([p, set]) => [p, [...set].sort((x, y) => x - y)]));
}

export interface Unreached {
  browsers: number;
  events: number;
  /** The same for browsers that carry an identifier of a rule (their person has a key). */
  identifiedBrowsers: number;
  identifiedEvents: number;
  /** First n unreached browsers, and first n identified ones, ascending. */
  examples: number[];
  identifiedExamples: number[];
}

/** Browsers whose person reaches no guest; `hasKey` marks browsers with an identifier of a rule. */
export function unreachedBrowsers(persons: Persons, match: GuestMatch, events: Int32Array, hasKey: Uint8Array, n: number): Unreached {
  const out: Unreached = { browsers: 0, events: 0, identifiedBrowsers: 0, identifiedEvents: 0, examples: [], identifiedExamples: [] };
  for (let b = 0; b < persons.personOf.length; b++) {
    if (match.personGuest[persons.personOf[b]!] !== -1) continue;
    out.browsers += 1;
    out.events += events[b]!;
    if (out.examples.length < n) out.examples.push(b);
    if (hasKey[b] === 0) continue;
    out.identifiedBrowsers += 1;
    out.identifiedEvents += events[b]!;
    if (out.identifiedExamples.length < n) out.identifiedExamples.push(b);
  }
  return out;
}

/** Browsers that are the endpoint of at least one edge. */
export function browsersWithKeys(browsers: number, edges: Pairs): Uint8Array {
  const has = new Uint8Array(browsers);
  for (let i = 0; i < edges.length; i++) has[edges.a[i]!] = 1;
  return has;
}
