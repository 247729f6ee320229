import { describe, expect, it, vi } from 'vitest';
import { sampleTenant, type PersonalizeApi, useTenantApis } from '../../../test/support/personalize-api.js';
import type { CdpFacts } from '../../playbook/cdp.js';
import { flowsProbe } from './flows.probe.js';
import { API_KEY, API_SECRET, apiInputFor, CREDENTIAL_ENV, leaks, personalizeCtx } from './test-helpers.js';

const GO_LIVE = new Date('2026-12-01T08:00:00Z');
const api = useTenantApis(GO_LIVE, { apiKey: API_KEY, apiSecret: API_SECRET });
const credentials = (env: Record<string, string> = CREDENTIAL_ENV) => Object.entries(env).forEach(([k, v]) => vi.stubEnv(k, v));
const paths = (a: PersonalizeApi) => a.requests.map((r) => `${r.method} ${r.headers.host?.replace(/:\d+$/, '')}${r.url}`);
const facts = (segments: string[]): CdpFacts => ({ pointsOfSale: [], identityRules: [], languages: [], currencies: [], customEvents: [], extensions: [], segments: segments.map((name) => ({ name, export: 'x.csv', match: 'email', includes: [], excludes: [] })) });

describe('personalize/flows against the Personalize stand-in', () => {
  it('sends nothing without the credentials, and names both variables', async () => {
    const a = await api();
    const e = await flowsProbe.run(apiInputFor(a.baseUrl(), a.tokenUrl()), personalizeCtx(a.net()));
    expect(e).toEqual({ configured: false, missing: ['SITECORE_PERSONALIZE_API_KEY', 'SITECORE_PERSONALIZE_API_SECRET'] });
    expect(a.requests).toEqual([]);
  });

  it('signs in with OAuth, lists the flows and keeps what the rules judge, never templates, keys or the token', async () => {
    const a = await api();
    credentials();
    const e = await flowsProbe.run(apiInputFor(a.baseUrl(), a.tokenUrl()), personalizeCtx(a.net(), 4000, facts(['gold-members'])));
    expect(paths(a)).toEqual(['POST auth.sitecorecloud.io/oauth/token', 'GET api-engage-eu.sitecorecloud.io/v3/flowDefinitions?offset=0&limit=100']);
    expect(a.bodies[0]).toContain('grant_type=client_credentials');
    expect(a.bodies[0]).toContain(`audience=${encodeURIComponent('https://api.sitecorecloud.io')}`);
    expect(a.requests[1]!.headers.authorization).toBe(`Bearer ${a.tokens[0]}`);
    if (!e.configured) throw new Error('not configured');
    expect({ count: e.flows.length, segments: e.declaredSegments, truncated: e.truncated, auth: e.auth }).toEqual({ count: 4, segments: ['gold-members'], truncated: false, auth: 'oauth' });
    expect(e.flows[1]).toEqual({
      ref: 'f0000001-0000-4000-8000-000000000002', friendlyId: 'pdp_layout_test', name: 'PDP layout test', type: 'INTERACTIVE_WEB_FLOW', subtype: 'EXPERIMENT',
      status: 'SCHEDULED', archived: false, channels: ['WEB'], schedule: { startDate: '2026-11-30T08:00:00.000Z', endDate: '2026-12-31T08:00:00.000Z' },
      traffic: { allocation: 100, weightingAlgorithm: 'USER_DEFINED', splits: [{ variant: 'v-control', percent: 50 }, { variant: 'v-b', percent: 50 }] },
      variants: [{ ref: 'v-control', name: 'Control', control: true }, { ref: 'v-b', name: 'Two columns' }],
      sampleSize: { baseValue: 0.03, minimumDetectableDifference: 0.1, confidenceLevel: 0.95 },
    });
    const text = JSON.stringify(e);
    expect([text.includes('hero">'), text.includes('pqsPERS3'), leaks(text, a.tokens)]).toEqual([false, false, []]);
  });

  it('asks for one token per run, and reads an audience field when the tenant\'s answer has one', async () => {
    const tenant = sampleTenant(GO_LIVE, { apiKey: API_KEY, apiSecret: API_SECRET });
    tenant.flows![0]!.extra = { audiences: [{ name: 'gold-members', ref: 'seg-1' }, 'newsletter'] };
    const a = await api(tenant);
    credentials();
    const ctx = personalizeCtx(a.net());
    await flowsProbe.run(apiInputFor(a.baseUrl(), a.tokenUrl()), ctx);
    const e = await flowsProbe.run(apiInputFor(a.baseUrl(), a.tokenUrl()), ctx);
    expect(paths(a).filter((p) => p.includes('oauth'))).toHaveLength(1);
    expect(e.configured && e.flows[0]!.audiences).toEqual(['gold-members', 'newsletter']);
  });

  it('records a refused secret at the token endpoint and does not send it again in the run', async () => {
    const a = await api({ apiSecret: 'ps-the-one-the-tenant-has-now' });
    credentials();
    const ctx = personalizeCtx(a.net());
    const first = await flowsProbe.run(apiInputFor(a.baseUrl(), a.tokenUrl()), ctx);
    const second = await flowsProbe.run(apiInputFor(a.baseUrl(), a.tokenUrl()), ctx);
    expect(first).toMatchObject({ configured: true, refused: { status: 401, at: 'token', detail: 'access_denied' }, flows: [] });
    expect(second).toMatchObject({ refused: { status: 401, at: 'token', reused: true } });
    expect(paths(a)).toEqual(['POST auth.sitecorecloud.io/oauth/token']);
  });

  it('records a key without the flows feature as refused by the API (403), not by the token endpoint', async () => {
    const a = await api({ scopes: ['decisions'] });
    credentials();
    const e = await flowsProbe.run(apiInputFor(a.baseUrl(), a.tokenUrl()), personalizeCtx(a.net()));
    expect(e).toMatchObject({ refused: { status: 403, at: 'api' } });
  });

  it('signs in with Basic when told to, and sends refused Basic credentials once per run', async () => {
    const a = await api({ accepts: 'basic' });
    credentials();
    const ok = await flowsProbe.run(apiInputFor(a.baseUrl(), a.tokenUrl(), 'basic'), personalizeCtx(a.net()));
    expect(ok.configured && ok.flows.length).toBe(4);
    credentials({ ...CREDENTIAL_ENV, SITECORE_PERSONALIZE_API_SECRET: 'ps-revoked-golive-test' });
    a.requests.length = 0;
    const ctx = personalizeCtx(a.net());
    await flowsProbe.run(apiInputFor(a.baseUrl(), a.tokenUrl(), 'basic'), ctx);
    const again = await flowsProbe.run(apiInputFor(a.baseUrl(), a.tokenUrl(), 'basic'), ctx);
    expect(again).toMatchObject({ refused: { status: 401, at: 'api', reused: true } });
    expect(a.requests).toHaveLength(1);
  });

  it('reads a paging API to the end, and an API that ignores offset once', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ref: `f-${i}`, friendlyId: `flow_${i}`, name: `Flow ${i}` }));
    const paged = await api({ flows: many(250), pageSize: 100 });
    credentials();
    const e = await flowsProbe.run(apiInputFor(paged.baseUrl(), paged.tokenUrl()), personalizeCtx(paged.net()));
    expect(paths(paged).slice(1).map((p) => p.split('?')[1])).toEqual(['offset=0&limit=100', 'offset=100&limit=100', 'offset=200&limit=100']);
    expect(e.configured && [e.flows.length, e.truncated]).toEqual([250, false]);
    const whole = await api({ flows: many(150) });
    const w = await flowsProbe.run(apiInputFor(whole.baseUrl(), whole.tokenUrl()), personalizeCtx(whole.net()));
    expect(paths(whole)).toHaveLength(3);
    expect(w.configured && [w.flows.length, w.truncated]).toEqual([150, false]);
  });
});
