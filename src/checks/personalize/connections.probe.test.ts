import { describe, expect, it, vi } from 'vitest';
import { type PersonalizeApi, useTenantApis } from '../../../test/support/personalize-api.js';
import { connectionsProbe, timeoutsOf } from './connections.probe.js';
import { API_KEY, API_SECRET, apiInputFor, CREDENTIAL_ENV, leaks, personalizeCtx } from './test-helpers.js';

const GO_LIVE = new Date('2026-12-01T08:00:00Z');
const api = useTenantApis(GO_LIVE, { apiKey: API_KEY, apiSecret: API_SECRET });
const credentials = () => Object.entries(CREDENTIAL_ENV).forEach(([k, v]) => vi.stubEnv(k, v));
const run = (a: PersonalizeApi) => connectionsProbe.run(apiInputFor(a.baseUrl(), a.tokenUrl()), personalizeCtx(a.net()));

const EXPECTED = [
  { ref: 'c-loyalty', name: 'Loyalty API', systemType: 'DATA_SYSTEM', authType: 'BASIC', requestType: 'GET', host: 'https://loyalty.shop.example', timeouts: [{ path: 'request.connectionTimeout', kind: 'connect', ms: 1000 }, { path: 'request.socketTimeout', kind: 'socket', ms: 1500 }] },
  { ref: 'c-weather', name: 'Weather', systemType: 'DATA_SYSTEM', authType: 'NONE', requestType: 'GET', host: 'https://weather.example', timeouts: [{ path: 'request.connectionTimeout', kind: 'connect', ms: 800 }, { path: 'request.socketTimeout', kind: 'socket', ms: 800 }] },
];

describe('personalize/connections against the Personalize stand-in', () => {
  it('records host, auth type and timeouts of each connection, never its password, URL keys or path', async () => {
    const a = await api();
    credentials();
    const e = await run(a);
    expect(e).toMatchObject({ configured: true, truncated: false, connections: EXPECTED });
    const text = JSON.stringify(e);
    expect([text.includes('conn-pass-Hq83'), text.includes('conn-key-Zr71'), text.includes('/v1/tier'), leaks(text, a.tokens)]).toEqual([false, false, false, []]);
  });

  it('reads each connection on its own when the list gives summaries', async () => {
    const a = await api({ connectionSummaries: true });
    credentials();
    const e = await run(a);
    expect(a.requests.filter((r) => r.url.startsWith('/v2/')).map((r) => r.url.split('?')[0])).toEqual(['/v2/connections', '/v2/connections/c-loyalty', '/v2/connections/c-weather']);
    expect(e).toMatchObject({ connections: EXPECTED });
  });

  it('finds timeouts under any key with "timeout" in its name, and never reads auth, headers or bodies', () => {
    const found = timeoutsOf({ timeoutMs: '3000', request: { readTimeout: 0, headers: { 'x-timeout': 5 }, requestBody: { timeout: 9 } }, auth: { tokenTimeout: 7 }, settings: { connectTimeoutMillis: 'soon' } });
    expect(found).toEqual([
      { path: 'timeoutMs', kind: 'other', ms: 3000 },
      { path: 'request.readTimeout', kind: 'socket', ms: 0 },
      { path: 'settings.connectTimeoutMillis', kind: 'connect' },
    ]);
  });
});
