import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCdpApi, type CdpApi } from '../../../test/support/cdp-api.js';
import { startFaultServer } from '../../../test/support/http-servers.js';
import { unusedPort } from '../../../test/support/tls-server.js';
import { failure } from '../http/test-helpers.js';
import type { ProbeError } from '../types.js';
import { browserProbe } from './browser.probe.js';
import { cdpCtx, CLIENT_KEY, leaks } from './test-helpers.js';

let api: CdpApi;
beforeAll(async () => {
  api = await startCdpApi({ clientKey: CLIENT_KEY, apiToken: 'unused-here', region: 'eu' });
});
afterAll(() => api.close());
afterEach(() => {
  vi.unstubAllEnvs();
  api.requests.length = 0;
});

const withKey = (value = CLIENT_KEY, name = 'SITECORE_CDP_CLIENT_KEY') => vi.stubEnv(name, value);
const input = (baseUrl = api.baseUrl(), clientKeyVariable = 'SITECORE_CDP_CLIENT_KEY') => ({ baseUrl, clientKeyVariable });

describe('cdp/browser against the CDP stand-in under the real host names', () => {
  it('sends nothing without the client key in the environment, and says which variable is missing', async () => {
    vi.stubEnv('SITECORE_CDP_CLIENT_KEY', '  ');
    const e = await browserProbe.run(input(), cdpCtx(api.net()));
    expect(e).toEqual({ configured: false, missing: ['SITECORE_CDP_CLIENT_KEY'] });
    expect(api.requests).toEqual([]);
  });

  it('creates a browser with the key in the query and records the refs, never the key', async () => {
    withKey();
    const e = await browserProbe.run(input(), cdpCtx(api.net()));
    expect(api.requests.map((r) => [r.headers.host, r.url])).toEqual([[`api-engage-eu.sitecorecloud.io:${api.port}`, `/v1.2/browser/create.json?client_key=${CLIENT_KEY}&message=%7B%7D`]]);
    expect(e).toEqual({ configured: true, url: `https://api-engage-eu.sitecorecloud.io:${api.port}/v1.2/browser/create.json`, status: 200, answer: { status: 'OK', version: '1.2', ref: api.browsers[0]!.ref, customerRef: api.browsers[0]!.customerRef } });
    expect(leaks(JSON.stringify(e))).toEqual([]);
  });

  it('records 401 for the right key at another region\'s host, and for a wrong key', async () => {
    withKey();
    const created = api.browsers.length;
    const elsewhere = await browserProbe.run(input(api.baseUrl('us')), cdpCtx(api.net()));
    expect(elsewhere).toMatchObject({ configured: true, status: 401, refused: { status: 401, detail: 'Unauthorized' } });
    withKey('ck-of-another-tenant');
    const wrong = await browserProbe.run(input(), cdpCtx(api.net()));
    expect(wrong).toMatchObject({ status: 401, refused: { status: 401 } });
    expect(api.browsers).toHaveLength(created);
  });

  it('reads the key from the variable the options name', async () => {
    withKey(CLIENT_KEY, 'CDP_STAGING_CLIENT_KEY');
    const e = await browserProbe.run(input(api.baseUrl(), 'CDP_STAGING_CLIENT_KEY'), cdpCtx(api.net()));
    expect(e).toMatchObject({ status: 200, answer: { status: 'OK' } });
  });

  it('cannot verify a base URL that is not the API (404): HTTP_STATUS, nothing of the key in the message', async () => {
    withKey();
    const r = await failure(() => browserProbe.run(input(`${api.baseUrl()}/edge`), cdpCtx(api.net())));
    const e = r.error as ProbeError;
    expect([r.code, e.message, e.transient]).toEqual(['HTTP_STATUS', `GET https://api-engage-eu.sitecorecloud.io:${api.port}/edge/v1.2/browser/create.json answered 404: Resource not found`, false]);
    expect(e.hint).toMatch(/regional API host/);
  });

  it('ends against a server that never answers as TIMEOUT within the time limit + 1 s', async () => {
    withKey();
    const hang = await startFaultServer('hang');
    try {
      const r = await failure(() => browserProbe.run(input(hang.url), cdpCtx({}, 800)));
      expect({ code: r.code, inTime: r.ms < 800 + 1000, leaks: leaks(String((r.error as Error).message)) }).toEqual({ code: 'TIMEOUT', inTime: true, leaks: [] });
    } finally {
      await hang.close();
    }
  });

  it('ends with CONNECTION_REFUSED when nothing listens', async () => {
    withKey();
    const port = await unusedPort();
    const r = await failure(() => browserProbe.run(input(`http://127.0.0.1:${port}`), cdpCtx({}, 2000)));
    expect(r.code).toBe('CONNECTION_REFUSED');
  });
});
