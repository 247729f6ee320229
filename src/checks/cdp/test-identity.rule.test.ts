import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import type { GuestLookupEvidence, IdentityLookup } from './evidence.js';
import { identitiesFrom } from './inputs.js';
import { testIdentityRule } from './test-identity.rule.js';

const BASE = 'https://api-engage-eu.sitecorecloud.io/';
const OPTIONS = { identities: ['email:anna.test@shop.example'] };

const found = (provider: string, id: string, guests: IdentityLookup['guests'], more = false): IdentityLookup => ({ provider, id, sent: true, status: 200, guests, ...(more ? { more } : {}) });
const customer = (ref: string) => ({ ref, guestType: 'customer' });
const ev = (lookups: IdentityLookup[], extra: Partial<Extract<GuestLookupEvidence, { configured: true }>> = {}): GuestLookupEvidence => ({ configured: true, base: BASE, lookups, ...extra });
const anna = (guests: IdentityLookup['guests'], more = false) => found('email', 'anna.test@shop.example', guests, more);
const crm = (guests: IdentityLookup['guests']) => found('CRM_ID', 'C-100042', guests);

const valid: RuleCase<GuestLookupEvidence>[] = [
  { name: 'one customer per identity', evidence: ev([anna([customer('g-1')]), crm([customer('g-2')])]), options: OPTIONS, status: 'pass', codes: [] },
  { name: 'two identities of the same customer', evidence: ev([anna([customer('g-1')]), crm([customer('g-1')])]), options: OPTIONS, status: 'pass', codes: [] },
  { name: 'credentials not set', evidence: { configured: false, missing: ['SITECORE_CDP_API_TOKEN'] }, options: OPTIONS, status: 'skipped', codes: [] },
];

const invalid: RuleCase<GuestLookupEvidence>[] = [
  { name: 'no guest: the identity does not resolve', evidence: ev([anna([])]), options: OPTIONS, status: 'fail', codes: ['identity-not-found'] },
  { name: 'two guests: a split person', evidence: ev([anna([customer('g-1'), customer('g-9')])]), options: OPTIONS, status: 'fail', codes: ['duplicate-guests'] },
  { name: 'one guest on a full page: maybe more', evidence: ev([anna([customer('g-1')], true)]), options: OPTIONS, status: 'fail', codes: ['duplicate-guests'] },
  { name: 'a visitor, not a customer', evidence: ev([anna([{ ref: 'g-1', guestType: 'visitor' }])]), options: OPTIONS, status: 'fail', codes: ['guest-not-customer'] },
  { name: 'a guest of unknown type', evidence: ev([anna([{ ref: 'g-1' }])]), options: OPTIONS, status: 'warn', codes: ['guest-type-unknown'] },
  { name: 'one good, one missing', evidence: ev([anna([customer('g-1')]), crm([])]), options: OPTIONS, status: 'fail', codes: ['identity-not-found'] },
  {
    name: 'credentials refused on the first search, the rest not sent',
    evidence: ev([{ provider: 'email', id: 'anna.test@shop.example', sent: true, status: 401, guests: [] }, { provider: 'CRM_ID', id: 'C-100042', sent: false, guests: [] }], { refused: { status: 401, detail: 'Unauthorized' } }),
    options: OPTIONS, status: 'fail', codes: ['api-credentials-rejected'],
  },
  {
    name: 'credentials refused earlier in the run',
    evidence: ev([{ provider: 'email', id: 'anna.test@shop.example', sent: false, guests: [] }], { refused: { status: 401, reused: true } }),
    options: OPTIONS, status: 'fail', codes: ['api-credentials-rejected'],
  },
];

describe('cdp/test-identity', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(testIdentityRule, c);
    expect(got, summary).toEqual(want);
  });

  it('names the guests of a split person and where the identity came from', () => {
    const v = testIdentityRule.judge(invalid[1]!.evidence, testIdentityRule.options.parse(OPTIONS), ruleCtx);
    expect(v.findings[0]).toMatchObject({ subject: 'email:anna.test@shop.example', message: 'email:anna.test@shop.example finds 2 guests: g-1, g-9' });
    const again = testIdentityRule.judge(invalid.at(-1)!.evidence, testIdentityRule.options.parse({ ...OPTIONS, apiTokenVariable: 'CDP_PROD_API_TOKEN' }), ruleCtx);
    expect(again.findings[0]).toMatchObject({ message: expect.stringContaining('not sent again'), hint: expect.stringContaining('SITECORE_CDP_CLIENT_KEY and CDP_PROD_API_TOKEN') });
  });

  it('reads identities as provider:id texts (comma lists too) or mappings, splitting at the first colon and dropping repeats', () => {
    const parsed = testIdentityRule.options.parse({ identities: ['email:anna.test@shop.example, CRM_ID:C-100042', { provider: 'loyalty', id: 'L:77' }, 'email:anna.test@shop.example', 'urn:x:1'] });
    expect(identitiesFrom(parsed.identities)).toEqual([
      { provider: 'email', id: 'anna.test@shop.example' }, { provider: 'CRM_ID', id: 'C-100042' }, { provider: 'loyalty', id: 'L:77' }, { provider: 'urn', id: 'x:1' },
    ]);
    for (const bad of [[], ['no-colon'], [':id-only'], ['email:']]) expect(testIdentityRule.options.safeParse({ identities: bad }).success, JSON.stringify(bad)).toBe(false);
    expect(testIdentityRule.options.safeParse({}).success).toBe(false);
  });

  it('builds a probe input with the default variable names', () => {
    const input = testIdentityRule.probeInput({ url: 'https://api-engage-eu.sitecorecloud.io' }, testIdentityRule.options.parse(OPTIONS));
    expect(input).toEqual({ baseUrl: 'https://api-engage-eu.sitecorecloud.io', identities: [{ provider: 'email', id: 'anna.test@shop.example' }], clientKeyVariable: 'SITECORE_CDP_CLIENT_KEY', apiTokenVariable: 'SITECORE_CDP_API_TOKEN' });
  });

  it('says the v2 search path is used and why', () => {
    expect(testIdentityRule.meta.description).toMatch(/GET \/v2\/guests\?identifiers\.provider=/);
    expect(testIdentityRule.meta.description).toMatch(/does not confirm that v2\.1 accepts the same search parameters/);
  });
});
