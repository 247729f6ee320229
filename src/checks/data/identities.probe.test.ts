import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cdpFacts } from '../../playbook/cdp.js';
import type { ProbeContext } from '../types.js';
import { identitiesProbe } from './identities.probe.js';

const B1 = '0b9f3f4a-1111-4222-8333-000000000001';
const B2 = '0b9f3f4a-1111-4222-8333-000000000002';
const B3 = '0b9f3f4a-1111-4222-8333-000000000003';
const identity = (browser: string, ...ids: [string, string][]) => JSON.stringify({ type: 'IDENTITY', browser_id: browser, identifiers: ids.map(([provider, id]) => ({ provider, id })) });

/** The data/identities probe on real exports: the declared rules come from the project's cdp facts. */
describe('data/identities probe', () => {
  let dir: string;
  const ctx = (rules: string[]): ProbeContext => ({ signal: new AbortController().signal, net: { resolvers: [], resolve: {}, ca: [], timeoutMs: 5000 }, log: { debug: () => undefined }, now: new Date(), cwd: dir, allowLogin: false, cdp: cdpFacts({ identityRules: rules }) });
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'golive-identities-probe-'));
    mkdirSync(path.join(dir, 'exports'));
    // B1 and B2 share an e-mail address: one person. B3 only has a crm id.
    writeFileSync(path.join(dir, 'exports', 'events.ndjson'), `${[identity(B1, ['email', 'ann@x.io']), identity(B2, ['email', 'ann@x.io'], ['crm', 'C1']), identity(B3, ['crm', 'C9'])].join('\n')}\n`);
    // Ann's identifiers sit on two guests: a split person.
    writeFileSync(path.join(dir, 'exports', 'guests.ndjson'), `${[
      JSON.stringify({ ref: 'g1', guestType: 'customer', identifiers: [{ provider: 'email', id: 'ann@x.io' }] }),
      JSON.stringify({ ref: 'g2', guestType: 'customer', identifiers: [{ provider: 'crm', id: 'C1' }] }),
    ].join('\n')}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stitches by the declared rules, with paths relative to the project', async () => {
    const e = await identitiesProbe.run({ events: 'exports/*.ndjson', sharedThreshold: 50 }, ctx(['email']));
    expect(e.rules).toEqual(['email']);
    expect(e.events.files.map((f) => f.file)).toEqual([path.join('exports', 'events.ndjson'), path.join('exports', 'guests.ndjson')]);
    expect(e.browsers).toBe(3);
  });

  it('compares with a guest export', async () => {
    const e = await identitiesProbe.run({ events: 'exports/events.ndjson', guests: 'exports/guests.ndjson', sharedThreshold: 50 }, ctx(['email', 'crm']));
    expect(e.persons).toBe(2);
    expect(e.guests?.splitPersons.count).toBe(1);
    expect(e.guests?.splitPersons.examples[0]?.guestRefs).toEqual(['g1', 'g2']);
    expect(e.guests?.unreached.identifiedBrowsers).toBe(1);
  });

  it('fails with FILE_NOT_FOUND for a missing export', async () => {
    await expect(identitiesProbe.run({ events: 'exports/none.ndjson', sharedThreshold: 50 }, ctx(['email']))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
