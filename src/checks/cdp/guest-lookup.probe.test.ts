import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCdpApi, type CdpApi, type CdpTenant, type FakeGuest } from '../../../test/support/cdp-api.js';
import { startFaultServer, startHttpServer } from '../../../test/support/http-servers.js';
import { failure } from '../http/test-helpers.js';
import type { ProbeError } from '../types.js';
import { guestLookupProbe } from './guest-lookup.probe.js';
import type { Identity } from './inputs.js';
import { API_TOKEN, BASIC_VALUE, cdpCtx, CLIENT_KEY, CREDENTIAL_ENV, leaks } from './test-helpers.js';

const ANNA: FakeGuest = { ref: 'a0b1c2d3-0000-4000-8000-00000000a001', guestType: 'customer', identifiers: [{ provider: 'email', id: 'anna.test@shop.example' }, { provider: 'CRM_ID', id: 'C-100042' }] };
const BEN: FakeGuest = { ref: 'a0b1c2d3-0000-4000-8000-00000000b001', guestType: 'visitor', identifiers: [{ provider: 'email', id: 'ben.test@shop.example' }] };
const BEN_AGAIN: FakeGuest = { ref: 'a0b1c2d3-0000-4000-8000-00000000b002', guestType: 'customer', identifiers: [{ provider: 'email', id: 'ben.test@shop.example' }] };

const apis: CdpApi[] = [];
async function api(extra: Partial<CdpTenant> = {}): Promise<CdpApi> {
  const a = await startCdpApi({ clientKey: CLIENT_KEY, apiToken: API_TOKEN, region: 'eu', guests: [ANNA, BEN, BEN_AGAIN], ...extra });
  apis.push(a);
  return a;
}
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(apis.splice(0).map((a) => a.close()));
});

const credentials = (env: Record<string, string> = CREDENTIAL_ENV) => Object.entries(env).forEach(([k, v]) => vi.stubEnv(k, v));
const input = (a: { baseUrl(): string }, identities: Identity[]) => ({ baseUrl: a.baseUrl(), identities, clientKeyVariable: 'SITECORE_CDP_CLIENT_KEY', apiTokenVariable: 'SITECORE_CDP_API_TOKEN' });
const id = (provider: string, value: string): Identity => ({ provider, id: value });

describe('cdp/guest-lookup against the CDP stand-in', () => {
  it('sends nothing without the API token, and names it', async () => {
    const a = await api();
    vi.stubEnv('SITECORE_CDP_CLIENT_KEY', CLIENT_KEY);
    vi.stubEnv('SITECORE_CDP_API_TOKEN', '');
    const e = await guestLookupProbe.run(input(a, [id('email', 'anna.test@shop.example')]), cdpCtx(a.net()));
    expect(e).toEqual({ configured: false, missing: ['SITECORE_CDP_API_TOKEN'] });
    expect(a.requests).toEqual([]);
  });

  it('searches each identity once with Basic auth and records the guests and their types, never the credentials', async () => {
    const a = await api();
    credentials();
    const e = await guestLookupProbe.run(input(a, [id('email', 'anna.test@shop.example'), id('CRM_ID', 'C-100042'), id('email', 'ben.test@shop.example'), id('Email', 'anna.test@shop.example')]), cdpCtx(a.net()));
    expect(a.requests.map((r) => [r.headers.authorization, r.url])).toEqual([
      [`Basic ${BASIC_VALUE}`, '/v2/guests?identifiers.provider=email&identifiers.id=anna.test%40shop.example&expand=true'],
      [`Basic ${BASIC_VALUE}`, '/v2/guests?identifiers.provider=CRM_ID&identifiers.id=C-100042&expand=true'],
      [`Basic ${BASIC_VALUE}`, '/v2/guests?identifiers.provider=email&identifiers.id=ben.test%40shop.example&expand=true'],
      [`Basic ${BASIC_VALUE}`, '/v2/guests?identifiers.provider=Email&identifiers.id=anna.test%40shop.example&expand=true'],
    ]);
    expect(e).toEqual({
      configured: true,
      base: `https://api-engage-eu.sitecorecloud.io:${a.port}/`,
      lookups: [
        { provider: 'email', id: 'anna.test@shop.example', sent: true, status: 200, guests: [{ ref: ANNA.ref, guestType: 'customer' }] },
        { provider: 'CRM_ID', id: 'C-100042', sent: true, status: 200, guests: [{ ref: ANNA.ref, guestType: 'customer' }] },
        { provider: 'email', id: 'ben.test@shop.example', sent: true, status: 200, guests: [{ ref: BEN.ref, guestType: 'visitor' }, { ref: BEN_AGAIN.ref, guestType: 'customer' }] },
        // Providers are case-sensitive, as identity rules are.
        { provider: 'Email', id: 'anna.test@shop.example', sent: true, status: 200, guests: [] },
      ],
    });
    expect(leaks(JSON.stringify(e))).toEqual([]);
  });

  it('reads the one guest it found when the API lists hrefs only, on the same base', async () => {
    const a = await api({ expandItems: false });
    credentials();
    const e = await guestLookupProbe.run(input(a, [id('email', 'anna.test@shop.example'), id('email', 'ben.test@shop.example')]), cdpCtx(a.net()));
    expect(a.requests.map((r) => r.url.split('?')[0])).toEqual(['/v2/guests', `/v2/guests/${ANNA.ref}`, '/v2/guests']);
    expect(e).toMatchObject({ lookups: [{ guests: [{ ref: ANNA.ref, guestType: 'customer' }] }, { guests: [{ ref: BEN.ref }, { ref: BEN_AGAIN.ref }] }] });
  });

  it('stops at a refused token: one search sent, the rest recorded as not sent, and not sent again in the run', async () => {
    const a = await api();
    credentials({ ...CREDENTIAL_ENV, SITECORE_CDP_API_TOKEN: 'tok-rotated-last-week' });
    const ctx = cdpCtx(a.net());
    const wanted = [id('email', 'anna.test@shop.example'), id('CRM_ID', 'C-100042')];
    const e = await guestLookupProbe.run(input(a, wanted), ctx);
    expect(e).toMatchObject({ refused: { status: 401, detail: 'Unauthorized' }, lookups: [{ sent: true, status: 401 }, { sent: false }] });
    const again = await guestLookupProbe.run(input(a, wanted.slice(1)), ctx);
    expect(again).toMatchObject({ refused: { status: 401, reused: true }, lookups: [{ sent: false }] });
    expect(a.requests).toHaveLength(1);
    // Another run (new network options) tries once more.
    await guestLookupProbe.run(input(a, wanted), cdpCtx(a.net()));
    expect(a.requests).toHaveLength(2);
  });

  it('scrubs the credentials from an error answer that echoes them', async () => {
    credentials();
    const echo = await startHttpServer((req, res) => {
      const decoded = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
      res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `upstream refused ${decoded} (${req.headers.authorization ?? ''})` }));
    });
    try {
      const r = await failure(() => guestLookupProbe.run(input({ baseUrl: () => echo.origin }, [id('email', 'anna.test@shop.example')]), cdpCtx({})));
      const e = r.error as ProbeError;
      expect([e.code, e.transient, e.message]).toEqual(['HTTP_STATUS', true, `GET ${echo.origin}/v2/guests answered 502: upstream refused ***:*** (Basic ***)`]);
      expect(leaks(JSON.stringify({ message: e.message, hint: e.hint, cause: String(e.cause) }))).toEqual([]);
    } finally {
      await echo.close();
    }
  });

  it('ends against a server that never answers as TIMEOUT within the time limit + 1 s', async () => {
    credentials();
    const hang = await startFaultServer('hang');
    try {
      const r = await failure(() => guestLookupProbe.run(input({ baseUrl: () => hang.url }, [id('email', 'anna.test@shop.example')]), cdpCtx({}, 800)));
      expect({ code: r.code, inTime: r.ms < 800 + 1000 }).toEqual({ code: 'TIMEOUT', inTime: true });
    } finally {
      await hang.close();
    }
  });
});
