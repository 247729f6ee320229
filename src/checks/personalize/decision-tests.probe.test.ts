import { describe, expect, it, vi } from 'vitest';
import { MODEL_REF, sampleTenant, VARIANT_DRAFT, VARIANT_LIVE, type PersonalizeApi, useTenantApis } from '../../../test/support/personalize-api.js';
import { decisionTestsProbe } from './decision-tests.probe.js';
import type { DecisionFixture } from './inputs.js';
import { API_KEY, API_SECRET, apiInputFor, CREDENTIAL_ENV, leaks, personalizeCtx } from './test-helpers.js';

const GO_LIVE = new Date('2026-12-01T08:00:00Z');
const GUEST_EMAIL = 'vip.fixture-7731@shop.example';
const fixture = (name: string, model: string, extra: Partial<DecisionFixture> = {}): DecisionFixture => ({ name, model, channel: 'WEB', guest: { email: GUEST_EMAIL, loyaltyTier: 'gold' }, context: {}, ...extra });

const api = useTenantApis(GO_LIVE, { apiKey: API_KEY, apiSecret: API_SECRET });
const credentials = () => Object.entries(CREDENTIAL_ENV).forEach(([k, v]) => vi.stubEnv(k, v));
const run = (a: PersonalizeApi, tests: DecisionFixture[]) => decisionTestsProbe.run({ ...apiInputFor(a.baseUrl(), a.tokenUrl()), tests }, personalizeCtx(a.net()));
const apiPaths = (a: PersonalizeApi) => a.requests.filter((r) => !r.url.startsWith('/oauth')).map((r) => `${r.method} ${r.url.split('?')[0]}`);

describe('personalize/decision-tests against the Personalize stand-in', () => {
  it('looks a model up by name, tests its production variant and records nodes and times, never the guest', async () => {
    const a = await api();
    credentials();
    const e = await run(a, [fixture('vip', 'Next best offer')]);
    expect(apiPaths(a)).toEqual(['GET /v2/decisionModelDefinitions', `GET /v2/decisionModelDefinitions/${MODEL_REF}/variants`, 'POST /v2/testDecisionModel']);
    expect(JSON.parse(a.bodies.at(-1)!)).toEqual({ decisionModelRef: MODEL_REF, decisionModelVariantRef: VARIANT_LIVE, context: { channel: 'WEB', guest: { email: GUEST_EMAIL, loyaltyTier: 'gold' } } });
    if (!e.configured) throw new Error('not configured');
    const t = e.tests[0]!;
    expect({ ...t, roundTripMs: typeof t.roundTripMs }).toEqual({
      name: 'vip', model: 'Next best offer', modelRef: MODEL_REF, variantRef: VARIANT_LIVE, sent: true, status: 200, roundTripMs: 'number', totalMs: 52, totalFrom: 'nodes',
      nodes: [
        { id: 'n1', name: 'Loyalty lookup', type: 'Data System', executionTimeMs: 40, outputs: [{ tier: 'gold' }], dependentNodeIds: [] },
        { id: 'n2', name: 'Pick offer', type: 'Decision Table', executionTimeMs: 12, outputs: [{ offer: 'GOLD10' }], dependentNodeIds: ['n1'] },
      ],
    });
    expect([JSON.stringify(e).includes(GUEST_EMAIL), leaks(JSON.stringify(e), a.tokens)]).toEqual([false, []]);
  });

  it('uses refs as given, without listing, and a named variant by name', async () => {
    const a = await api();
    credentials();
    await run(a, [fixture('by-ref', MODEL_REF, { variant: VARIANT_DRAFT })]);
    expect(apiPaths(a)).toEqual(['POST /v2/testDecisionModel']);
    a.requests.length = 0;
    const e = await run(a, [fixture('by-name', 'Next best offer', { variant: 'version 3' })]);
    expect(e.configured && e.tests[0]!.variantRef).toBe(VARIANT_DRAFT);
  });

  it('says when a model or variant cannot be picked, with the names the API lists, and sends no test', async () => {
    const tenant = sampleTenant(GO_LIVE, { apiKey: API_KEY, apiSecret: API_SECRET });
    tenant.decisionModels![0]!.variants[1]!.status = 'PRODUCTION';
    const a = await api(tenant);
    credentials();
    const e = await run(a, [fixture('typo', 'Next best ofer'), fixture('two-live', 'Next best offer')]);
    expect(e.configured && e.tests.map((t) => [t.unresolved, t.candidates, t.sent])).toEqual([
      ['model-not-found', ['Next best offer'], false],
      ['variant-ambiguous', ['Version 2', 'Version 3'], false],
    ]);
    expect(apiPaths(a).filter((p) => p.startsWith('POST'))).toEqual([]);
  });

  it('records a test the API turns down, and a model that answers with an error', async () => {
    const tenant = sampleTenant(GO_LIVE, { apiKey: API_KEY, apiSecret: API_SECRET });
    tenant.decisionModels![0]!.decide = () => ({ error: 'Decision table "Pick offer" matched 2 rules under hit policy UNIQUE', errorCause: 'UNIQUE_HIT_POLICY', nodes: [{ id: 'n2', name: 'Pick offer', type: 'Decision Table', executionTime: 3, outputs: [], error: 'more than one rule matched' }] });
    const a = await api(tenant);
    credentials();
    const e = await run(a, [fixture('gone', 'd0d0d0d0-0000-4000-8000-000000000000', { variant: VARIANT_LIVE }), fixture('clash', 'Next best offer')]);
    if (!e.configured) throw new Error('not configured');
    expect(e.tests[0]).toMatchObject({ sent: true, status: 404, detail: 'Resource not found', nodes: [] });
    expect(e.tests[1]).toMatchObject({ error: 'Decision table "Pick offer" matched 2 rules under hit policy UNIQUE', errorCause: 'UNIQUE_HIT_POLICY', nodes: [{ error: 'more than one rule matched' }] });
  });

  it('sends nothing when no fixture is declared', async () => {
    const a = await api();
    credentials();
    expect(await run(a, [])).toMatchObject({ configured: true, tests: [] });
    expect(a.requests).toEqual([]);
  });
});
