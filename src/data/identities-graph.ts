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
  /** The person of each key (-1 when no edge has it): one lookup per guest edge instead of two. */
  keyPerson: Int32Array;
}

/** Unites the browsers of edges [from, to) with the first browser of their key. */
function link(sets: UnionFind, keyBrowser: Int32Array, edges: Pairs, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const browser = edges.a[i]!;
    const key = edges.b[i]!;
    const first = keyBrowser[key]!;
    if (first === -1) keyBrowser[key] = browser;
    else sets.union(first, browser);
  }
}

function toPersons(sets: UnionFind, keyBrowser: Int32Array): Persons {
  const personOf = sets.labels();
  const keyPerson = new Int32Array(keyBrowser.length);
  for (let k = 0; k < keyBrowser.length; k++) keyPerson[k] = keyBrowser[k] === -1 ? -1 : personOf[keyBrowser[k]!]!;
  return { personOf, count: sets.count, keyBrowser, keyPerson };
}

/** Browsers sharing a key are one person, transitively. edges: a = browser, b = key. */
export function stitchPersons(browsers: number, keys: number, edges: Pairs): Persons {
  const sets = new UnionFind(browsers);
  const keyBrowser = new Int32Array(keys).fill(-1);
  link(sets, keyBrowser, edges, 0, edges.length);
  return toPersons(sets, keyBrowser);
}

/**
 * stitchPersons in slices of `slice` edges, giving the event loop a turn after each: DuckDB's
 * statements (run on its own threads) keep being started meanwhile, e.g. reading the guest files.
 */
export async function stitchPersonsInSlices(browsers: number, keys: number, edges: Pairs, slice = 1 << 14): Promise<Persons> {
  const sets = new UnionFind(browsers);
  const keyBrowser = new Int32Array(keys).fill(-1);
  for (let from = 0; from < edges.length; from += slice) {
    link(sets, keyBrowser, edges, from, Math.min(edges.length, from + slice));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return toPersons(sets, keyBrowser);
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
  const slot = slots(persons, wanted);
  for (let k = 0; k < persons.keyPerson.length && found.size < want.size; k++) {
    const p = persons.keyPerson[k]!;
    if (p === -1 || slot[p] === -1) continue;
    if (!found.has(p)) found.set(p, k);
  }
  return found;
}

/** slot[p]: the index of person p in `wanted`, -1 for a person not wanted (a lookup per browser without a Map). */
function slots(persons: Persons, wanted: readonly number[]): Int32Array {
  const slot = new Int32Array(persons.count).fill(-1);
  wanted.forEach((p, i) => {
    if (slot[p] === -1) slot[p] = i;
  });
  return slot;
}

/** The first `n` browsers (smallest numbers) of each wanted person; stops once every list is full. */
export function firstBrowsers(persons: Persons, wanted: readonly number[], n: number): Map<number, number[]> {
  const found = new Map<number, number[]>(wanted.map((p) => [p, []]));
  const slot = slots(persons, wanted);
  const lists = wanted.map((p) => found.get(p)!);
  let open = n > 0 ? new Set(wanted).size : 0;
  for (let b = 0; b < persons.personOf.length && open > 0; b++) {
    const i = slot[persons.personOf[b]!]!;
    if (i === -1) continue;
    const list = lists[i]!;
    list.push(b);
    if (list.length === n) {
      slot[persons.personOf[b]!] = -1;
      open -= 1;
    }
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
    const p = persons.keyPerson[guestEdges.b[i]!]!;
    if (p === -1) continue;
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
  const slot = slots(persons, wanted);
  const sets = wanted.map((p) => found.get(p)!);
  for (let i = 0; i < guestEdges.length; i++) {
    const p = persons.keyPerson[guestEdges.b[i]!]!;
    if (p === -1) continue;
    const at = slot[p]!;
    if (at !== -1) sets[at]!.add(guestEdges.a[i]!);
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
