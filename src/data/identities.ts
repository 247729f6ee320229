/**
 * `golive data identities`: the persons that event exports stitch into, by union-find over the
 * identifiers of IDENTITY events with the tenant's identity rules, and (given a guest export) how
 * they compare with the guests CDP holds. DuckDB extracts and numbers (identities-sql.ts); the
 * union-find and the guest comparison run over typed arrays (identities-graph.ts). Agrees with the
 * pure stitch/checkGuests of identity.ts on every input (see identities.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { browsersWithKeys, firstBrowsers, firstKeys, largestPersons, personSizes, stitchPersonsInSlices, type Pairs, type Persons } from './identities-graph.js';
import { compareGuests, type GuestReport } from './identities-guests.js';
import { keyExamples, sharedKeys, type KeyExample, type SharedKey } from './identities-keys.js';
import { buildKeys, EVENT_COLUMNS, extractEvents, GUEST_COLUMNS, ignoredIdentifiers, providersSeen, rows, scalar } from './identities-sql.js';
import { intColumn, intPairs } from './identities-stream.js';
import { dropLines, readLines, type FileRead } from './read.js';
import { countValidLines, invalidLines, type InvalidLine } from './validate.js';

export interface IdentitiesOptions {
  events: string[];
  guests?: string[];
  /** Identity-rule providers in priority order (case-sensitive); empty = every provider seen. */
  rules: readonly string[];
  /** Examples per finding. Default 5. */
  examples?: number;
  /** A key linking more browsers than this is reported. Default 50. */
  sharedThreshold?: number;
  maxInvalidLines?: number;
  threads?: number;
  /** DuckDB's memory limit, e.g. 2GB (default: DuckDB's, 80% of the RAM). */
  memoryLimit?: string;
  /** Called after each phase with its wall time, for benchmarks and progress. */
  onPhase?: (phase: string, ms: number) => void;
}

/**
 * Reading numbers lines by the order DuckDB stores them in, so it needs insertion order kept; every
 * later table is either sorted by an ORDER BY (which DuckDB keeps either way) or order-free, and
 * without that guarantee DuckDB runs those statements on all its threads. A plain scan of a table then
 * comes back in any order: read a column meant to line up with the numbering with ORDER BY rowid.
 */
async function keepInsertionOrder(db: DuckDBConnection, keep: boolean): Promise<void> {
  await db.run(`SET preserve_insertion_order = ${keep ? 'true' : 'false'}`);
}

/** Times each phase for options.onPhase. */
function phases(options: IdentitiesOptions) {
  let last = performance.now();
  return (phase: string) => {
    const now = performance.now();
    options.onPhase?.(phase, now - last);
    last = now;
  };
}

/** What was read from one set of files, counted like `data validate` counts it. */
export interface LinesRead {
  files: FileRead[];
  lines: number;
  validLines: number;
  invalidLineCount: number;
  invalidLines: InvalidLine[];
}

export interface IgnoredIdentifiers {
  provider: string | null;
  reason: 'not a rule' | 'empty id';
  count: number;
}

export interface LargePerson {
  browsers: number;
  /** The person's smallest identifier key and smallest browser. */
  identifier: KeyExample;
  browserId: string;
}

export interface IdentitiesResult {
  rules: string[];
  /** declared: from golive.yaml or --rules; seen: none declared, every provider in the events. */
  rulesFrom: 'declared' | 'seen';
  events: LinesRead;
  /** Valid event lines without a browser_id: no record to stitch. */
  eventsWithoutBrowser: number;
  browsers: number;
  identifiedBrowsers: number;
  anonymousBrowsers: number;
  /** Distinct (browser, identifier) links of rule providers, and distinct identifiers (keys). */
  identifiers: number;
  keys: number;
  ignored: IgnoredIdentifiers[];
  persons: number;
  multiBrowserPersons: number;
  largestPersons: LargePerson[];
  sharedThreshold: number;
  sharedKeys: { count: number; examples: SharedKey[] };
  guests?: GuestReport;
}

/** `valid`: the valid lines when already counted (a scan of `lines` saved). */
async function linesRead(db: DuckDBConnection, files: FileRead[], maxInvalid: number, valid?: number): Promise<LinesRead> {
  const lines = files.reduce((sum, f) => sum + f.lines, 0);
  const validLines = valid ?? await countValidLines(db);
  return { files, lines, validLines, invalidLineCount: lines - validLines, invalidLines: await invalidLines(db, files, maxInvalid) };
}

const readable = (files: FileRead[]) => files.filter((f) => f.error === undefined).map((f) => f.file);

async function largest(db: DuckDBConnection, persons: Persons, sizes: Int32Array, n: number): Promise<LargePerson[]> {
  const top = largestPersons(sizes, n);
  if (top.length === 0) return [];
  const keyOf = firstKeys(persons, top);
  const browserOf = firstBrowsers(persons, top, 1);
  const keys = await keyExamples(db, [...keyOf.values()]);
  const names = new Map((await rows(db, `SELECT rowid AS b, browser_id FROM ev_browsers WHERE rowid IN (${top.map((p) => browserOf.get(p)?.[0] ?? -1).join(',')})`)).map((r) => [Number(r.b), String(r.browser_id)]));
  return top.map((p) => ({ browsers: sizes[p]!, identifier: keys.get(keyOf.get(p) ?? -1) ?? { provider: '', id: '' }, browserId: names.get(browserOf.get(p)?.[0] ?? -1) ?? '' }));
}

async function stitchEvents(db: DuckDBConnection, options: IdentitiesOptions, events: LinesRead, done: (phase: string) => void) {
  const files = readable(events.files);
  await extractEvents(db, files);
  // The event lines are no longer needed: free them before keys and edges are built.
  await dropLines(db);
  done('extract browsers and identifiers');
  const declared = options.rules.length > 0;
  const rules = declared ? [...options.rules] : await providersSeen(db);
  await buildKeys(db, rules);
  done('number keys and edges');
  const browsers = await scalar(db, 'SELECT count(*) FROM ev_browsers');
  const keys = await scalar(db, 'SELECT count(*) FROM ev_keys');
  const edges: Pairs = await intPairs(db, 'SELECT b, k FROM ev_edges');
  done('stream edges');
  return { files, rules, declared, browsers, keys, edges };
}

/** The guest files into `lines` (numbering them needs insertion order kept while they are read). */
async function readGuests(db: DuckDBConnection, guests: string[]): Promise<FileRead[]> {
  await keepInsertionOrder(db, true);
  const files = await readLines(db, guests, { columns: GUEST_COLUMNS, keepValidRaw: false, inPlace: true });
  await keepInsertionOrder(db, false);
  return files;
}

/** Stitches the event files (and compares with guest files when given). Bad lines are reported, never thrown. */
export async function stitchIdentities(options: IdentitiesOptions): Promise<IdentitiesResult> {
  // With memoryLimit, sorts and hash tables beyond it spill to a scratch directory; the tables of
  // extracted lines cannot, so a limit too low for the input makes its files unreadable.
  const spill = mkdtempSync(join(tmpdir(), 'golive-identities-'));
  const settings: Record<string, string> = { threads: String(options.threads ?? 2), temp_directory: spill };
  if (options.memoryLimit !== undefined) settings.memory_limit = options.memoryLimit;
  const instance = await DuckDBInstance.create(':memory:', settings);
  const db = await instance.connect();
  const n = Math.max(1, options.examples ?? 5);
  const threshold = options.sharedThreshold ?? 50;
  const done = phases(options);
  try {
    const eventFiles = await readLines(db, options.events, { columns: EVENT_COLUMNS, keepValidRaw: false, inPlace: true });
    await keepInsertionOrder(db, false);
    done('read events');
    // Valid lines and those without a browser in one scan.
    const counted = (await rows(db, 'SELECT count(*) FILTER (WHERE valid) AS valid, count(*) FILTER (WHERE valid AND b IS NULL) AS lost FROM lines'))[0] ?? {};
    const events = await linesRead(db, eventFiles, options.maxInvalidLines ?? 100, Number(counted.valid ?? 0));
    const eventsWithoutBrowser = Number(counted.lost ?? 0);
    done('count event lines');
    const s = await stitchEvents(db, options, events, done);
    const guests = options.guests ?? [];
    // DuckDB reads the guest files on its own threads while JavaScript stitches the persons; the
    // connection runs one statement at a time, so nothing else uses it until both are done.
    const [guestFiles, persons] = await Promise.all([
      guests.length > 0 ? readGuests(db, guests) : Promise.resolve(undefined),
      stitchPersonsInSlices(s.browsers, s.keys, s.edges),
    ]);
    done(guestFiles === undefined ? 'union-find' : 'union-find and read guests');
    const sizes = personSizes(persons);
    const hasKey = browsersWithKeys(s.browsers, s.edges);
    const identifiedBrowsers = hasKey.reduce((sum, v) => sum + v, 0);
    const result: IdentitiesResult = {
      rules: s.rules, rulesFrom: s.declared ? 'declared' : 'seen', events, eventsWithoutBrowser,
      browsers: s.browsers, identifiedBrowsers, anonymousBrowsers: s.browsers - identifiedBrowsers,
      identifiers: s.edges.length, keys: s.keys, ignored: await ignoredIdentifiers(db, s.rules),
      persons: persons.count, multiBrowserPersons: sizes.reduce((sum, v) => sum + (v > 1 ? 1 : 0), 0),
      largestPersons: await largest(db, persons, sizes, n),
      sharedThreshold: threshold, sharedKeys: await sharedKeys(db, s.edges, s.keys, { threshold, examples: n, files: s.files }),
    };
    done('persons, shared keys');
    if (guestFiles !== undefined) {
      const guestLines = await linesRead(db, guestFiles, options.maxInvalidLines ?? 100);
      const events = await intColumn(db, 'SELECT events FROM ev_browsers ORDER BY rowid');
      result.guests = await compareGuests(db, { lines: guestLines, eventFiles: s.files, guestFiles: readable(guestFiles), rules: s.rules, persons, sizes, events, hasKey, examples: n });
      done('compare guests');
    }
    return result;
  } finally {
    db.closeSync();
    instance.closeSync();
    rmSync(spill, { recursive: true, force: true });
  }
}
