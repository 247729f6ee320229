import { describe, expect, it } from 'vitest';
import { canonicalPersons, checkGuests, stitch, type GuestIdentifiers, type IdentityRecord, type IdentityRule } from './identity.js';
import { seededInts } from '../lib/prng.js';

const RULES: IdentityRule[] = [{ provider: 'email', caseSensitive: false }, { provider: 'crm' }, { provider: 'loyalty' }];
const rec = (recordId: string, ...pairs: [string, string][]): IdentityRecord => ({ recordId, identifiers: pairs.map(([provider, id]) => ({ provider, id })) });
const guest = (guestRef: string, ...pairs: [string, string][]): GuestIdentifiers => ({ guestRef, identifiers: pairs.map(([provider, id]) => ({ provider, id })) });


function shuffled<T>(items: readonly T[], rand: (n: number) => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Random records over small id pools, so components of many sizes appear; includes ignored providers and case variants. */
function randomRecords(rand: (n: number) => number, count: number): IdentityRecord[] {
  const providers = ['email', 'crm', 'loyalty', 'Email', 'phone'];
  return Array.from({ length: count }, (_, i) => {
    const pairs = Array.from({ length: rand(4) }, (): [string, string] => {
      const provider = providers[rand(providers.length)] as string;
      const id = `${provider.toLowerCase()}-${rand(count)}`;
      return [provider, rand(2) === 0 ? id : id.toUpperCase()];
    });
    return rec(`r${i}`, ...pairs);
  });
}

/** Reference partition by breadth-first search over shared keys: transitive closure by construction. */
function referencePersons(records: readonly IdentityRecord[]): string[][] {
  const keyOf = (p: string, id: string): string | null => (p === 'email' ? `${p}:${id.toLowerCase()}` : p === 'crm' || p === 'loyalty' ? `${p}:${id}` : null);
  const byKey = new Map<string, string[]>();
  const keysOf = new Map<string, string[]>();
  for (const r of records) {
    const keys = r.identifiers.map((i) => keyOf(i.provider, i.id)).filter((k): k is string => k !== null);
    keysOf.set(r.recordId, [...(keysOf.get(r.recordId) ?? []), ...keys]);
    for (const k of keys) byKey.set(k, [...(byKey.get(k) ?? []), r.recordId]);
  }
  const seen = new Set<string>();
  const groups: string[][] = [];
  for (const start of keysOf.keys()) {
    if (seen.has(start)) continue;
    const group: string[] = [];
    const queue = [start];
    seen.add(start);
    while (queue.length > 0) {
      const id = queue.pop() as string;
      group.push(id);
      for (const next of (keysOf.get(id) ?? []).flatMap((k) => byKey.get(k) ?? [])) {
        if (!seen.has(next)) queue.push(next);
        seen.add(next);
      }
    }
    groups.push(group.sort());
  }
  return groups.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
}

describe('stitch', () => {
  it('joins records on shared rule identifiers, transitively', () => {
    const result = stitch([rec('a', ['email', 'Ann@x.com']), rec('b', ['email', 'ann@x.com'], ['crm', 'C1']), rec('c', ['crm', 'C1']), rec('d', ['crm', 'c1'])], RULES);
    expect(canonicalPersons(result)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(result.personCount).toBe(2);
  });

  it('ignores providers that differ from a rule in case, and empty ids', () => {
    const result = stitch([rec('a', ['Email', 'x@y.z']), rec('b', ['Email', 'x@y.z']), rec('c', ['email', '']), rec('d', ['email', ''])], RULES);
    expect(result.personCount).toBe(4);
    expect(result.ignoredIdentifiers).toBe(4);
  });

  it('treats a repeated record id as one record', () => {
    const result = stitch([rec('a', ['crm', '1']), rec('a', ['crm', '2']), rec('b', ['crm', '2'])], RULES);
    expect(canonicalPersons(result)).toEqual([['a', 'b']]);
  });
});

describe('stitch properties (seeded)', () => {
  const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);

  it.each(SEEDS)('seed %i: matches a BFS reference and is independent of record and identifier order', (seed) => {
    const rand = seededInts(seed);
    const records = randomRecords(rand, 60 + rand(140));
    const expected = referencePersons(records);
    const reordered = shuffled(records, rand).map((r) => ({ ...r, identifiers: shuffled(r.identifiers, rand) }));
    expect(canonicalPersons(stitch(records, RULES))).toEqual(expected);
    expect(canonicalPersons(stitch(reordered, RULES))).toEqual(expected);
  });

  it.each(SEEDS)('seed %i: a chain a~b, b~c, ... puts its ends in one person', (seed) => {
    const rand = seededInts(seed);
    const length = 2 + rand(50);
    const chain = Array.from({ length }, (_, i) => rec(`k${i}`, ['crm', `c${i}`], ['loyalty', `l${i + 1}`], ['crm', `c${i + 1}`]));
    const result = stitch([...shuffled(chain, rand), ...randomRecords(rand, 30)], RULES);
    const at = (id: string): number => result.personOf[result.recordIds.indexOf(id)] as number;
    expect(at('k0')).toBe(at(`k${length - 1}`));
  });

  it.each(SEEDS)('seed %i: duplicate records do not change the persons', (seed) => {
    const rand = seededInts(seed);
    const records = randomRecords(rand, 100);
    const base = stitch(records, RULES);
    const exactCopies = records.filter(() => rand(3) === 0);
    const identified = records.filter((r) => r.identifiers.some((i) => ['email', 'crm', 'loyalty'].includes(i.provider)));
    const renamedCopies = identified.filter(() => rand(3) === 0).map((r) => ({ ...r, recordId: `${r.recordId}-copy` }));
    expect(canonicalPersons(stitch(shuffled([...records, ...exactCopies], rand), RULES))).toEqual(canonicalPersons(base));
    expect(stitch([...records, ...renamedCopies], RULES).personCount).toBe(base.personCount);
  });

  it.each(SEEDS.slice(0, 10))('seed %i: guest checks are independent of input order', (seed) => {
    const rand = seededInts(seed);
    const records = randomRecords(rand, 120);
    const guests = Array.from({ length: 40 }, (_, g) => guest(`g${g}`, ['email', `email-${rand(120)}`], ['crm', `crm-${rand(120)}`]));
    const first = checkGuests(stitch(records, RULES), guests, RULES);
    const second = checkGuests(stitch(shuffled(records, rand), RULES), shuffled(guests, rand), RULES);
    expect(second).toEqual(first);
  });
});

describe('checkGuests', () => {
  const records = [
    rec('r1', ['email', 'ann@x.com'], ['crm', 'A']), rec('r2', ['crm', 'A'], ['loyalty', 'L1']),
    rec('r3', ['email', 'bob@x.com']), rec('r4', ['email', 'cy@x.com']), rec('r5', ['phone', '555']),
  ];
  const guests = [
    guest('g1', ['email', 'ANN@x.com']), guest('g2', ['loyalty', 'L1']),
    guest('g3', ['email', 'bob@x.com'], ['email', 'dan@x.com'], ['crm', 'B']), guest('g4', ['email', 'eve@x.com'], ['email', 'Eve@x.com']),
  ];
  const report = checkGuests(stitch(records, RULES), guests, RULES);

  it('finds (a) a person split over several guests', () => {
    expect(report.splitPersons).toEqual({ count: 1, examples: [{ recordIds: ['r1', 'r2'], guestRefs: ['g1', 'g2'] }] });
  });

  it('finds (b) a guest holding two different top-priority ids, folding case where the rule says so', () => {
    expect(report.mergingGuests).toEqual({ count: 1, examples: [{ guestRef: 'g3', provider: 'email', ids: ['bob@x.com', 'dan@x.com'] }] });
  });

  it('finds (c) records that never reach a known guest', () => {
    expect(report.unreachedRecords).toEqual({ count: 2, examples: ['r4', 'r5'] });
    expect(report).toMatchObject({ records: 5, persons: 4, guests: 4 });
  });

  it('caps examples but not counts', () => {
    const many = Array.from({ length: 12 }, (_, i) => rec(`x${String(i).padStart(2, '0')}`, ['crm', `X${i}`]));
    const capped = checkGuests(stitch(many, RULES), [], RULES, 3);
    expect(capped.unreachedRecords).toEqual({ count: 12, examples: ['x00', 'x01', 'x02'] });
  });
});

describe('scale', () => {
  it('stitches 200k records and checks 50k guests', () => {
    // Records 2q and 2q+1 share an e-mail; records 4k+1 and 4k+2 share a CRM id: 50k persons of 4.
    const records = Array.from({ length: 200_000 }, (_, i) => {
      const pairs: [string, string][] = [['email', `e${i >> 1}@x.com`]];
      if (i % 4 === 1 || i % 4 === 2) pairs.push(['crm', `c${i >> 2}`]);
      return rec(`r${i}`, ...pairs);
    });
    const guests = Array.from({ length: 50_000 }, (_, k) => guest(`g${k}`, ['email', `e${2 * k}@x.com`]));
    guests.push(guest('gx', ['email', 'e0@x.com'], ['email', 'e2@x.com']));
    const result = stitch(records, RULES);
    expect(result.personCount).toBe(50_000);
    const report = checkGuests(result, guests, RULES);
    expect(report.unreachedRecords.count).toBe(0);
    expect(report.splitPersons.count).toBe(2);
    expect(report.mergingGuests.count).toBe(1);
  });
});
