/**
 * Identity stitching: which records belong to one person, and how that compares with the guests a
 * CDP export shows. CDP resolves identity on `identifiers` only, and only on providers that equal an
 * identity rule's provider exactly (case-sensitive); rule order is the priority (at most 5 rules).
 * Two records are the same person when they share an identifier of a rule provider, transitively.
 */
import { UnionFind } from './union-find.js';

export interface Identifier {
  provider: string;
  id: string;
}

export interface IdentityRecord {
  recordId: string;
  identifiers: readonly Identifier[];
}

export interface IdentityRule {
  /** Must equal the `provider` in events exactly; `Email` and `email` are different providers. */
  provider: string;
  /**
   * Whether ids of this provider differ by case (default true: CDP compares exactly). Set false
   * for e.g. e-mail, so that `Ann@x.com` and `ann@x.com` count as one person; CDP keeping them
   * apart then shows up as a person split over several guests.
   */
  caseSensitive?: boolean;
}

export interface Stitching {
  /** Distinct record ids; a record id seen twice is one record. Index = record number. */
  recordIds: readonly string[];
  /** Person number (0..personCount-1) per record number, numbered by each person's first record. */
  personOf: Int32Array;
  personCount: number;
  /** Person per identifier key (see identifierKey). */
  keyPerson: ReadonlyMap<string, number>;
  /** Identifiers skipped: provider not in the rules, or an empty id. */
  ignoredIdentifiers: number;
}

/** provider -> case-sensitive? First rule wins if a provider is listed twice. */
export type RuleTable = ReadonlyMap<string, boolean>;

export function ruleTable(rules: readonly IdentityRule[]): RuleTable {
  const table = new Map<string, boolean>();
  for (const rule of rules) {
    if (!table.has(rule.provider)) table.set(rule.provider, rule.caseSensitive ?? true);
  }
  return table;
}

/** The matching key of an identifier (`provider NUL id`, id folded when case-insensitive), or null if CDP would ignore it. */
export function identifierKey(table: RuleTable, identifier: Identifier): string | null {
  const caseSensitive = table.get(identifier.provider);
  if (caseSensitive === undefined || identifier.id === '') return null;
  return `${identifier.provider}\u0000${caseSensitive ? identifier.id : identifier.id.toLowerCase()}`;
}

/** Stitches records into persons. Order of records and of identifiers does not change the partition. */
export function stitch(records: readonly IdentityRecord[], rules: readonly IdentityRule[]): Stitching {
  const table = ruleTable(rules);
  const recordNumber = new Map<string, number>();
  const recordIds: string[] = [];
  for (const record of records) {
    if (!recordNumber.has(record.recordId)) {
      recordNumber.set(record.recordId, recordIds.length);
      recordIds.push(record.recordId);
    }
  }
  const sets = new UnionFind(recordIds.length);
  const keyRecord = new Map<string, number>();
  let ignoredIdentifiers = 0;
  for (const record of records) {
    const n = recordNumber.get(record.recordId)!;
    for (const identifier of record.identifiers) {
      const key = identifierKey(table, identifier);
      if (key === null) {
        ignoredIdentifiers += 1;
        continue;
      }
      const first = keyRecord.get(key);
      if (first === undefined) keyRecord.set(key, n);
      else sets.union(first, n);
    }
  }
  const personOf = sets.labels();
  const keyPerson = new Map<string, number>();
  for (const [key, n] of keyRecord) keyPerson.set(key, personOf[n]!);
  return { recordIds, personOf, personCount: sets.count, keyPerson, ignoredIdentifiers };
}

/** Record ids per person (index = person number), each in record order. */
export function personMembers(stitching: Stitching): string[][] {
  const members: string[][] = Array.from({ length: stitching.personCount }, () => []);
  stitching.recordIds.forEach((recordId, n) => members[stitching.personOf[n]!]!.push(recordId));
  return members;
}

/** The partition as sorted groups of sorted record ids: equal for equal partitions, whatever the input order. */
export function canonicalPersons(stitching: Stitching): string[][] {
  const groups = personMembers(stitching).map((group) => [...group].sort());
  return groups.sort((a, b) => compareText(a[0] ?? '', b[0] ?? ''));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One guest of a CDP export (guest REST API or audience export): its ref and identifiers. */
export interface GuestIdentifiers {
  guestRef: string;
  identifiers: readonly Identifier[];
}

export interface Counted<T> {
  count: number;
  /** Up to maxExamples, sorted so that the same data gives the same examples in any order. */
  examples: T[];
}

export interface GuestCheckReport {
  records: number;
  persons: number;
  guests: number;
  /** (a) One person (stitched records) whose identifiers sit on several guests: a split profile. */
  splitPersons: Counted<{ recordIds: string[]; guestRefs: string[] }>;
  /** (b) One guest holding two different ids of the top-priority provider: different people merged. */
  mergingGuests: Counted<{ guestRef: string; provider: string; ids: string[] }>;
  /** (c) Records whose person shares no identifier with any guest. */
  unreachedRecords: Counted<string>;
}

function firstN<T>(items: T[], key: (item: T) => string, n: number): Counted<T> {
  return { count: items.length, examples: items.sort((a, b) => compareText(key(a), key(b))).slice(0, n) };
}

/** guestRef -> (top-provider key -> id as first spelled), merging rows that repeat a guestRef. */
function topIdsPerGuest(guests: readonly GuestIdentifiers[], table: RuleTable, top: string | undefined): Map<string, Map<string, string>> {
  const result = new Map<string, Map<string, string>>();
  for (const guest of guests) {
    const ids = result.get(guest.guestRef) ?? new Map<string, string>();
    result.set(guest.guestRef, ids);
    for (const identifier of guest.identifiers) {
      const key = identifier.provider === top ? identifierKey(table, identifier) : null;
      if (key !== null && !ids.has(key)) ids.set(key, identifier.id);
    }
  }
  return result;
}

/**
 * Compares stitched persons with the guests CDP holds. Examples carry identifiers as given (PII
 * such as e-mail addresses): redact before they leave the machine.
 */
export function checkGuests(stitching: Stitching, guests: readonly GuestIdentifiers[], rules: readonly IdentityRule[], maxExamples = 5): GuestCheckReport {
  const table = ruleTable(rules);
  const personGuests = new Map<number, Set<string>>();
  for (const guest of guests) {
    for (const identifier of guest.identifiers) {
      const key = identifierKey(table, identifier);
      const person = key === null ? undefined : stitching.keyPerson.get(key);
      if (person === undefined) continue;
      const refs = personGuests.get(person) ?? new Set<string>();
      personGuests.set(person, refs.add(guest.guestRef));
    }
  }
  const members = personMembers(stitching);
  const split = [...personGuests]
    .filter(([, refs]) => refs.size > 1)
    .map(([person, refs]) => ({ recordIds: [...(members[person] ?? [])].sort().slice(0, maxExamples), guestRefs: [...refs].sort() }));
  const unreached = members.filter((_, person) => !personGuests.has(person)).flat();
  const top = rules[0]?.provider;
  const merging = [...topIdsPerGuest(guests, table, top)]
    .filter(([, ids]) => ids.size > 1)
    .map(([guestRef, ids]) => ({ guestRef, provider: top ?? '', ids: [...ids.values()].sort() }));
  return {
    records: stitching.recordIds.length,
    persons: stitching.personCount,
    guests: new Set(guests.map((g) => g.guestRef)).size,
    splitPersons: firstN(split, (s) => s.recordIds[0] ?? '', maxExamples),
    mergingGuests: firstN(merging, (m) => m.guestRef, maxExamples),
    unreachedRecords: firstN(unreached, (r) => r, maxExamples),
  };
}
