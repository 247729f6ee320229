/**
 * Stitched persons against a guest export: persons split over several guests, guests merging
 * different people on the top-priority identifier, browsers (and their events) that reach no
 * guest, and guests that hold identifiers without being customers. Counts come from typed arrays
 * or SQL; only the few examples become objects.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { firstBrowsers, firstSplit, guestsOf, matchGuests, unreachedBrowsers, type Pairs, type Persons } from './identities-graph.js';
import { where, type Where } from './identities-keys.js';
import { extractGuests, LINE_MASK, rows } from './identities-sql.js';
import { intPairs } from './identities-stream.js';
import type { LinesRead } from './identities.js';

/** Guest refs listed per split person at most; `guests` counts them all. */
export const MAX_GUEST_REFS = 20;

export interface BrowserExample extends Where {
  browserId: string;
}

export interface SplitPerson {
  browsers: number;
  /** The person's first browsers (sorted ids). */
  browserIds: string[];
  guests: number;
  guestRefs: string[];
}

export interface MergingGuest extends Where {
  guestRef: string;
  provider: string;
  ids: string[];
}

export interface NonCustomerGuest extends Where {
  guestRef: string;
  guestType: string | null;
}

export interface GuestReport {
  lines: LinesRead;
  /** Valid lines that are no guest record (no ref, or a batch record of another schema). */
  notGuests: { count: number; examples: (Where & { reason: string })[] };
  guests: number;
  splitPersons: { count: number; examples: SplitPerson[] };
  mergingGuests: { count: number; examples: MergingGuest[] };
  /** Every browser whose person reaches no guest; identified* only those with an identifier of a rule. */
  unreached: { browsers: number; events: number; identifiedBrowsers: number; identifiedEvents: number; examples: BrowserExample[]; identifiedExamples: BrowserExample[] };
  nonCustomerGuests: { count: number; examples: NonCustomerGuest[] };
}

export interface GuestInput {
  lines: LinesRead;
  /** Readable files, in the order given: positions in ev_* and gu_* tables index them. */
  eventFiles: readonly string[];
  guestFiles: readonly string[];
  rules: readonly string[];
  persons: Persons;
  sizes: Int32Array;
  events: Int32Array;
  hasKey: Uint8Array;
  examples: number;
}

const list = (values: readonly number[]) => (values.length === 0 ? '-1' : values.join(','));
const total = (found: Record<string, unknown>[]) => Number(found[0]?.total ?? 0);

async function browserExamples(db: DuckDBConnection, files: readonly string[], browsers: readonly number[]): Promise<Map<number, BrowserExample>> {
  const found = await rows(db, `SELECT rowid AS b, browser_id, first FROM ev_browsers WHERE rowid IN (${list(browsers)})`);
  return new Map(found.map((r) => [Number(r.b), { browserId: String(r.browser_id), ...where(files, Number(r.first)) }]));
}

async function guestRefs(db: DuckDBConnection, guests: readonly number[]): Promise<Map<number, string>> {
  const found = await rows(db, `SELECT rowid AS g, ref FROM gu_guests WHERE rowid IN (${list(guests)})`);
  return new Map(found.map((r) => [Number(r.g), String(r.ref)]));
}

async function mergingGuests(db: DuckDBConnection, top: string | undefined, files: readonly string[], n: number): Promise<GuestReport['mergingGuests']> {
  if (top === undefined) return { count: 0, examples: [] };
  // Guests with two different ids of the top provider (min <> max), found on integers; only the first n are joined to their text.
  // Only a guest with two ids of the provider can hold two different ones: counting on the integer
  // first leaves the comparison of strings to those few.
  await db.run(`CREATE OR REPLACE TEMP TABLE gu_merging AS
    WITH top AS (SELECT g, id FROM gu_ids WHERE provider = $top AND id <> ''),
      several AS (SELECT g FROM top GROUP BY g HAVING count(*) > 1)
    SELECT g FROM top SEMI JOIN several USING (g) GROUP BY g HAVING min(id) <> max(id)`, { top });
  const count = Number((await rows(db, 'SELECT count(*) AS n FROM gu_merging'))[0]?.n ?? 0);
  const found = await rows(db, `SELECT ref, first, list_sort(list_distinct(list(i.id))) AS ids
    FROM (SELECT g FROM gu_merging ORDER BY g LIMIT ${Math.trunc(n)}) m JOIN gu_ids i USING (g)
      JOIN (SELECT rowid::INTEGER AS g, ref, first FROM gu_guests) USING (g)
    WHERE i.provider = $top AND i.id <> '' GROUP BY g, ref, first ORDER BY g`, { top });
  return { count, examples: found.map((r) => ({ guestRef: String(r.ref), provider: top, ids: (r.ids as unknown[]).map(String), ...where(files, Number(r.first)) })) };
}

async function nonCustomers(db: DuckDBConnection, files: readonly string[], n: number): Promise<GuestReport['nonCustomerGuests']> {
  const found = await rows(db, `SELECT count(*) OVER () AS total, ref, guest_type, first FROM gu_guests
    WHERE coalesce(guest_type, '') <> 'customer' AND rowid IN (SELECT g FROM gu_ids WHERE coalesce(id, '') <> '') ORDER BY ref LIMIT ${n}`);
  return { count: total(found), examples: found.map((r) => ({ guestRef: String(r.ref), guestType: r.guest_type === null ? null : String(r.guest_type), ...where(files, Number(r.first)) })) };
}

async function notGuests(db: DuckDBConnection, files: readonly string[], n: number): Promise<GuestReport['notGuests']> {
  const found = await rows(db, `SELECT count(*) OVER () AS total, pos * ${LINE_MASK} + line AS at,
      CASE WHEN coalesce(ref, '') = '' THEN 'no ref' ELSE 'a batch record of schema ' || schema END AS reason
    FROM gu_rows WHERE NOT is_guest ORDER BY pos, line LIMIT ${n}`);
  return { count: total(found), examples: found.map((r) => ({ ...where(files, Number(r.at)), reason: String(r.reason) })) };
}

async function splitPersons(db: DuckDBConnection, input: GuestInput, split: number[], guestEdges: Pairs): Promise<SplitPerson[]> {
  const browsers = firstBrowsers(input.persons, split, input.examples);
  const guests = guestsOf(input.persons, guestEdges, split);
  const names = await browserExamples(db, input.eventFiles, [...browsers.values()].flat());
  const refs = await guestRefs(db, [...guests.values()].flatMap((g) => g.slice(0, MAX_GUEST_REFS)));
  return split.map((p) => ({
    browsers: input.sizes[p]!,
    browserIds: (browsers.get(p) ?? []).map((b) => names.get(b)?.browserId ?? ''),
    guests: guests.get(p)?.length ?? 0,
    guestRefs: (guests.get(p) ?? []).slice(0, MAX_GUEST_REFS).map((g) => refs.get(g) ?? ''),
  }));
}

/** Reads nothing itself: expects `lines` to hold the guest files (read with GUEST_COLUMNS) and the ev_* tables. */
export async function compareGuests(db: DuckDBConnection, input: GuestInput): Promise<GuestReport> {
  const files = input.guestFiles;
  await extractGuests(db, files);
  const guestEdges = await intPairs(db, 'SELECT i.g, k.rowid::INTEGER FROM gu_ids i JOIN ev_keys k USING (provider, id)');
  const match = matchGuests(input.persons, guestEdges);
  const lost = unreachedBrowsers(input.persons, match, input.events, input.hasKey, input.examples);
  const named = await browserExamples(db, input.eventFiles, [...lost.examples, ...lost.identifiedExamples]);
  return {
    lines: input.lines,
    notGuests: await notGuests(db, files, input.examples),
    guests: Number((await rows(db, 'SELECT count(*) AS n FROM gu_guests'))[0]?.n ?? 0),
    splitPersons: { count: match.splitCount, examples: await splitPersons(db, input, firstSplit(match, input.examples), guestEdges) },
    mergingGuests: await mergingGuests(db, input.rules[0], files, input.examples),
    unreached: {
      browsers: lost.browsers, events: lost.events, identifiedBrowsers: lost.identifiedBrowsers, identifiedEvents: lost.identifiedEvents,
      examples: lost.examples.map((b) => named.get(b)!), identifiedExamples: lost.identifiedExamples.map((b) => named.get(b)!),
    },
    nonCustomerGuests: await nonCustomers(db, files, input.examples),
  };
}
