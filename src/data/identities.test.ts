import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largestPersons, stitchPersons, stitchPersonsInSlices } from './identities-graph.js';
import { keysOver } from './identities-keys.js';
import { stitchIdentities } from './identities.js';
import { checkGuests, stitch, type GuestIdentifiers, type Identifier, type IdentityRecord } from './identity.js';
import { seededInts } from '../lib/prng.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'golive-identities-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, lines: readonly string[], gzip = false): string {
  const path = join(dir, name);
  const text = `${lines.join('\n')}\n`;
  writeFileSync(path, gzip ? gzipSync(text) : text);
  return path;
}

const identity = (browser: string, ...ids: [string, string][]) =>
  JSON.stringify({ browser_id: browser, type: 'IDENTITY', channel: 'WEB', identifiers: ids.map(([provider, id]) => ({ provider, id })) });
const view = (browser: string) => JSON.stringify({ browser_id: browser, type: 'VIEW', channel: 'WEB' });
const restGuest = (ref: string, guestType: string, ...ids: [string, string][]) => JSON.stringify({ ref, guestType, identifiers: ids.map(([provider, id]) => ({ provider, id })) });
const batchGuest = (ref: string, ...ids: [string, string][]) =>
  JSON.stringify({ ref, schema: 'guest', mode: 'upsert', value: { guestType: 'customer', identifiers: ids.map(([provider, id]) => ({ provider, id })) } });


interface World {
  events: { browser: string; identifiers: Identifier[] | null }[];
  guests: { ref: string; identifiers: Identifier[]; batch: boolean }[];
}

/** Small pools of browsers and ids, so that persons of many sizes, splits and merges all occur; includes ignored providers and empty ids. */
function randomWorld(rand: (n: number) => number): World {
  const providers = ['email', 'crm', 'Email', 'phone'];
  const pick = (): Identifier => {
    const provider = providers[rand(providers.length)]!;
    return { provider, id: rand(12) === 0 ? '' : `${provider.toLowerCase()}-${rand(10)}` };
  };
  const browsers = 3 + rand(20);
  const events = Array.from({ length: 5 + rand(40) }, () => ({
    browser: `b-${String(rand(browsers)).padStart(2, '0')}`,
    identifiers: rand(3) === 0 ? null : Array.from({ length: rand(3) }, pick),
  }));
  const guests = Array.from({ length: rand(24) }, () => ({ ref: `g-${rand(16)}`, identifiers: Array.from({ length: rand(4) }, pick), batch: rand(2) === 0 }));
  return { events, guests };
}

function writeWorld(world: World, seed: number): { events: string; guests: string } {
  const pairs = (ids: Identifier[]) => ids.map((i): [string, string] => [i.provider, i.id]);
  return {
    events: file(`events-${seed}.ndjson`, world.events.map((e) => (e.identifiers === null ? view(e.browser) : identity(e.browser, ...pairs(e.identifiers))))),
    guests: file(`guests-${seed}.ndjson`, world.guests.map((g) => (g.batch ? batchGuest(g.ref, ...pairs(g.identifiers)) : restGuest(g.ref, 'customer', ...pairs(g.identifiers))))),
  };
}

describe('stitchIdentities agrees with stitch/checkGuests (identity.ts)', () => {
  it('on 40 random small exports: persons, ignored identifiers, split persons, merging guests, unreached browsers, with the same examples', async () => {
    const seen = { split: 0, merging: 0, unreached: 0, multi: 0 };
    for (let seed = 1; seed <= 40; seed++) {
      const world = randomWorld(seededInts(seed));
      const paths = writeWorld(world, seed);
      const records: IdentityRecord[] = world.events.map((e) => ({ recordId: e.browser, identifiers: e.identifiers ?? [] }));
      const guests: GuestIdentifiers[] = world.guests.map((g) => ({ guestRef: g.ref, identifiers: g.identifiers }));
      const rules = [{ provider: 'email' }, { provider: 'crm' }];
      const expected = stitch(records, rules);
      const report = checkGuests(expected, guests, rules, 1000);
      const got = await stitchIdentities({ events: [paths.events], guests: [paths.guests], rules: ['email', 'crm'], examples: 1000, threads: 1 });
      const g = got.guests!;
      const context = `seed ${seed}`;
      expect([got.browsers, got.persons], context).toEqual([expected.recordIds.length, expected.personCount]);
      expect(got.ignored.reduce((sum, i) => sum + i.count, 0), context).toBe(expected.ignoredIdentifiers);
      expect(g.guests, context).toBe(report.guests);
      expect(g.splitPersons.count, context).toBe(report.splitPersons.count);
      expect(g.splitPersons.examples.map((s) => ({ recordIds: s.browserIds, guestRefs: s.guestRefs })), context).toEqual(report.splitPersons.examples);
      expect(g.mergingGuests.count, context).toBe(report.mergingGuests.count);
      expect(g.mergingGuests.examples.map((m) => ({ guestRef: m.guestRef, provider: m.provider, ids: m.ids })), context).toEqual(report.mergingGuests.examples);
      expect(g.unreached.browsers, context).toBe(report.unreachedRecords.count);
      expect(g.unreached.examples.map((b) => b.browserId), context).toEqual(report.unreachedRecords.examples);
      seen.split += g.splitPersons.count;
      seen.merging += g.mergingGuests.count;
      seen.unreached += g.unreached.identifiedBrowsers;
      seen.multi += got.multiBrowserPersons;
    }
    // The random worlds must exercise every finding, or the agreement above proves little.
    expect(Object.values(seen).every((n) => n > 5), JSON.stringify(seen)).toBe(true);
  }, 60_000);
});

describe('stitchIdentities', () => {
  it('counts and lists broken lines by file:line and stitches the rest, plain and gzipped', async () => {
    const a = file('a.ndjson', [identity('b1', ['email', 'ann@x.example']), '{"browser_id": "b9", "type":', view('b2'), '', identity('b2', ['email', 'ann@x.example'], ['crm', 'C1'])]);
    const b = file('b.ndjson.gz', [identity('b3', ['crm', 'C1']), '[1]', view('b4'), JSON.stringify({ type: 'VIEW' })], true);
    const r = await stitchIdentities({ events: [a, b], rules: ['email', 'crm'] });
    expect([r.events.lines, r.events.validLines, r.events.invalidLineCount]).toEqual([9, 6, 3]);
    expect(r.events.invalidLines).toEqual([
      { file: a, line: 2, reason: 'not valid JSON' }, { file: a, line: 4, reason: 'empty line' }, { file: b, line: 2, reason: 'valid JSON but not an object' },
    ]);
    expect([r.eventsWithoutBrowser, r.browsers, r.identifiedBrowsers, r.anonymousBrowsers, r.persons, r.multiBrowserPersons]).toEqual([1, 4, 3, 1, 2, 1]);
    expect(r.largestPersons).toEqual([{ browsers: 3, identifier: { provider: 'crm', id: 'C1' }, browserId: 'b1' }]);
    expect([r.identifiers, r.keys]).toEqual([4, 2]);
  });

  it('without declared rules stitches on every provider seen, most used first, and says so', async () => {
    const a = file('norules.ndjson', [identity('b1', ['email', 'x'], ['crm', 'C1']), identity('b2', ['email', 'y']), identity('b3', ['Email', 'x'])]);
    const r = await stitchIdentities({ events: [a], rules: [] });
    expect([r.rules, r.rulesFrom, r.persons]).toEqual([['email', 'Email', 'crm'], 'seen', 3]);
    const declared = await stitchIdentities({ events: [a], rules: ['email'] });
    expect(declared.ignored).toEqual([{ provider: 'Email', reason: 'not a rule', count: 1 }, { provider: 'crm', reason: 'not a rule', count: 1 }]);
  });

  it('flags an identifier shared by more browsers than the threshold, with its first lines', async () => {
    const lines = Array.from({ length: 6 }, (_, i) => identity(`b${i}`, ['email', 'test@example.com'], ['crm', `C${i}`]));
    const a = file('shared.ndjson', [view('x'), ...lines]);
    const r = await stitchIdentities({ events: [a], rules: ['email', 'crm'], sharedThreshold: 5, examples: 2 });
    expect(r.sharedKeys).toEqual({ count: 1, examples: [{ provider: 'email', id: 'test@example.com', browsers: 6, lines: [{ file: a, line: 2 }, { file: a, line: 3 }] }] });
    expect((await stitchIdentities({ events: [a], rules: ['email', 'crm'], sharedThreshold: 6 })).sharedKeys.count).toBe(0);
  });

  it('reads both guest shapes, and reports lines that are no guest record and guests with identifiers that are not customers', async () => {
    const events = file('g-events.ndjson', [identity('b1', ['email', 'a']), identity('b2', ['email', 'b']), view('b3')]);
    const guests = file('g-guests.ndjson', [
      restGuest('g1', 'customer', ['email', 'a']), batchGuest('g2', ['email', 'b'], ['email', 'c']), restGuest('g3', 'visitor', ['email', 'z']),
      JSON.stringify({ ref: 'o1', schema: 'order', mode: 'upsert', value: {} }), JSON.stringify({ guestType: 'customer' }),
    ]);
    const r = await stitchIdentities({ events: [events], guests: [guests], rules: ['email'] });
    const g = r.guests!;
    expect(g.guests).toBe(3);
    expect(g.notGuests).toEqual({ count: 2, examples: [{ file: guests, line: 4, reason: 'a batch record of schema order' }, { file: guests, line: 5, reason: 'no ref' }] });
    expect(g.mergingGuests.examples).toEqual([{ guestRef: 'g2', provider: 'email', ids: ['b', 'c'], file: guests, line: 2 }]);
    expect(g.nonCustomerGuests).toEqual({ count: 1, examples: [{ guestRef: 'g3', guestType: 'visitor', file: guests, line: 3 }] });
    expect(g.unreached).toMatchObject({ browsers: 1, events: 1, identifiedBrowsers: 0, examples: [{ browserId: 'b3', file: events, line: 3 }] });
    expect(g.splitPersons.count).toBe(0);
  });

  it('reports unreadable files instead of throwing', async () => {
    const r = await stitchIdentities({ events: [join(dir, 'missing.ndjson')], rules: ['email'] });
    expect(r.events.files[0]?.error).toMatch(/cannot read the file/);
    expect([r.browsers, r.persons]).toEqual([0, 0]);
  });
});

describe('identities-graph', () => {
  it('joins browsers sharing keys transitively and numbers persons by their smallest browser', () => {
    const edges = { a: Int32Array.from([3, 1, 4, 0]), b: Int32Array.from([0, 1, 1, 0]), length: 4 };
    const persons = stitchPersons(5, 2, edges);
    expect([...persons.personOf]).toEqual([0, 1, 2, 0, 1]);
    expect(persons.count).toBe(3);
  });

  it('stitches the same persons in slices as in one go, and knows the person of each key', async () => {
    const edges = { a: Int32Array.from([3, 1, 4, 0, 5, 2]), b: Int32Array.from([0, 1, 1, 0, 2, 2]), length: 6 };
    const whole = stitchPersons(7, 4, edges);
    const sliced = await stitchPersonsInSlices(7, 4, edges, 1);
    expect([[...sliced.personOf], sliced.count, [...sliced.keyPerson]]).toEqual([[...whole.personOf], whole.count, [...whole.keyPerson]]);
    expect([...whole.personOf]).toEqual([0, 1, 2, 0, 1, 2, 3]);
    expect([...whole.keyPerson]).toEqual([0, 1, 2, -1]);
  });

  it('orders the largest persons by size, then person number, and skips singletons', () => {
    expect(largestPersons(Int32Array.from([1, 3, 2, 3, 5, 1]), 3)).toEqual([4, 1, 3]);
    expect(largestPersons(Int32Array.from([1, 1]), 3)).toEqual([]);
  });

  it('counts browsers per key and keeps those over the threshold, most first', () => {
    const edges = { a: Int32Array.from([0, 1, 2, 0, 1]), b: Int32Array.from([1, 1, 1, 0, 0]), length: 5 };
    expect(keysOver(edges, 2, 1)).toEqual([{ key: 1, browsers: 3 }, { key: 0, browsers: 2 }]);
  });
});
