import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleTenant, startPersonalizeApi, type PersonalizeApi, type PersonalizeTenant } from '../../../test/support/personalize-api.js';
import { startFaultServer, type FaultServer } from '../../../test/support/http-servers.js';
import { failure } from '../http/test-helpers.js';
import type { AnyProbe, ProbeError } from '../types.js';
import { connectionsProbe } from './connections.probe.js';
import { decisionTestsProbe } from './decision-tests.probe.js';
import { flowsProbe } from './flows.probe.js';
import type { ApiInput } from './inputs.js';
import { API_KEY, API_SECRET, apiInputFor, CREDENTIAL_ENV, leaks, personalizeCtx } from './test-helpers.js';

// Every personalize probe against servers that misbehave: each ends with the right ProbeError code
// within its time limit + 1 s, and no message carries a credential.

const TIMEOUT = 800;
const GO_LIVE = new Date('2026-12-01T08:00:00Z');
const FIXTURE = { name: 'vip', model: 'Next best offer', channel: 'WEB', guest: { email: 'vip.fixture@shop.example' }, context: {} };

const PROBES: { probe: AnyProbe; input: (base: ApiInput) => unknown }[] = [
  { probe: flowsProbe, input: (b) => b },
  { probe: decisionTestsProbe, input: (b) => ({ ...b, tests: [FIXTURE] }) },
  { probe: connectionsProbe, input: (b) => b },
];

beforeAll(() => Object.entries(CREDENTIAL_ENV).forEach(([k, v]) => vi.stubEnv(k, v)));
afterAll(() => vi.unstubAllEnvs());

describe.each(['hang', 'reset'] as const)('a server that %s', (kind) => {
  let server: FaultServer;
  beforeAll(async () => {
    server = await startFaultServer(kind);
  });
  afterAll(() => server.close());

  it.each(PROBES.map((p) => [p.probe.id, p] as const))('%s ends with the right code in time, at the token endpoint and at the API', async (_id, p) => {
    const expected = kind === 'hang' ? 'TIMEOUT' : 'CONNECTION_RESET';
    for (const auth of ['oauth', 'basic'] as const) {
      const r = await failure(() => p.probe.run(p.input(apiInputFor(server.url, `${server.url}oauth/token`, auth)), personalizeCtx({}, TIMEOUT)));
      expect({ auth, code: r.code, inTime: r.ms < TIMEOUT + 1000 }).toEqual({ auth, code: expected, inTime: true });
      expect(leaks(String((r.error as Error).message))).toEqual([]);
    }
  });
});

describe('answers no rule can judge', () => {
  const apis: PersonalizeApi[] = [];
  afterEach(async () => Promise.all(apis.splice(0).map((a) => a.close())));
  const start = async (change: Partial<PersonalizeTenant>) => {
    const a = await startPersonalizeApi({ ...sampleTenant(GO_LIVE, { apiKey: API_KEY, apiSecret: API_SECRET }), ...change });
    apis.push(a);
    return a;
  };

  const CASES: { name: string; fault: PersonalizeTenant['fault']; code: string; transient: boolean }[] = [
    { name: 'the API answers 429', fault: { on: 'api', status: 429 }, code: 'HTTP_STATUS', transient: true },
    { name: 'the API answers 500', fault: { on: 'api', status: 500 }, code: 'HTTP_STATUS', transient: true },
    { name: 'the API answers malformed JSON', fault: { on: 'api', status: 200, body: '{"items": [{"ref": "f-1",' }, code: 'HTTP_PROTOCOL', transient: false },
    { name: 'the token endpoint answers 500', fault: { on: 'token', status: 500 }, code: 'HTTP_STATUS', transient: true },
    { name: 'the token endpoint answers malformed JSON', fault: { on: 'token', status: 200, body: '{"access_token": ' }, code: 'HTTP_PROTOCOL', transient: false },
    { name: 'the token endpoint answers without a token', fault: { on: 'token', status: 200, body: '{"token_type": "Bearer"}' }, code: 'HTTP_PROTOCOL', transient: false },
  ];

  it.each(CASES)('$name: every probe ends with $code', async (c) => {
    const a = await start({ fault: c.fault });
    for (const p of PROBES) {
      const r = await failure(() => p.probe.run(p.input(apiInputFor(a.baseUrl(), a.tokenUrl())), personalizeCtx(a.net(), TIMEOUT)));
      const e = r.error as ProbeError;
      expect({ probe: p.probe.id, code: r.code, transient: e.transient, inTime: r.ms < TIMEOUT + 1000 }).toEqual({ probe: p.probe.id, code: c.code, transient: c.transient, inTime: true });
      expect(leaks(`${e.message} ${e.hint ?? ''}`, a.tokens)).toEqual([]);
    }
  });

  it.each([401, 403])('the API answers %i: every probe records the refusal as evidence', async (status) => {
    const a = await start({ fault: { on: 'api', status } });
    for (const p of PROBES) {
      const e = await p.probe.run(p.input(apiInputFor(a.baseUrl(), a.tokenUrl())), personalizeCtx(a.net(), TIMEOUT));
      expect(e).toMatchObject({ configured: true, refused: { status, at: 'api' } });
    }
  });

  it.each([401, 403])('the token endpoint answers %i: every probe records the refusal, and the secret is asked once', async (status) => {
    const a = await start({ fault: { on: 'token', status } });
    const ctx = personalizeCtx(a.net(), TIMEOUT);
    for (const p of PROBES) {
      const e = await p.probe.run(p.input(apiInputFor(a.baseUrl(), a.tokenUrl())), ctx);
      expect(e).toMatchObject({ configured: true, refused: { status, at: 'token' } });
    }
    expect(a.requests).toHaveLength(1);
  });
});
