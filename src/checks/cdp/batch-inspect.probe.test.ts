import { afterEach, describe, expect, it, vi } from 'vitest';
import { startCdpApi, type CdpApi, type FakeBatch } from '../../../test/support/cdp-api.js';
import { startFaultServer } from '../../../test/support/http-servers.js';
import { failure } from '../http/test-helpers.js';
import { batchInspectProbe } from './batch-inspect.probe.js';
import { API_TOKEN, cdpCtx, CLIENT_KEY, CREDENTIAL_ENV, leaks } from './test-helpers.js';

const NOW = new Date('2026-11-20T10:00:00Z');
const DAY = 86_400_000;
const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * DAY).toISOString();
const batch = (n: number, status: FakeBatch['status'], daysAgo: number, log?: string): FakeBatch => ({ ref: `5e0f${String(n).padStart(4, '0')}-7a1b-4c2d-8e3f-0a1b2c3d4e5f`, status, createdAt: at(daysAgo), ...(log ? { log } : {}) });
const SIGNED_LOG = 'https://cdp-batch-logs.s3.amazonaws.com/t1/5e0f0002.log?X-Amz-Credential=AKIAEXAMPLE&X-Amz-Signature=0f1e2d3c4b5a';

const apis: CdpApi[] = [];
async function api(batches: FakeBatch[], apiToken = API_TOKEN): Promise<CdpApi> {
  const a = await startCdpApi({ clientKey: CLIENT_KEY, apiToken, region: 'eu', batches, now: () => NOW });
  apis.push(a);
  return a;
}
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(apis.splice(0).map((a) => a.close()));
});
const credentials = () => Object.entries(CREDENTIAL_ENV).forEach(([k, v]) => vi.stubEnv(k, v));
const input = (baseUrl: string) => ({ baseUrl, clientKeyVariable: 'SITECORE_CDP_CLIENT_KEY', apiTokenVariable: 'SITECORE_CDP_API_TOKEN' });

describe('cdp/batch-inspect against the CDP stand-in', () => {
  it('sends nothing without the credentials, and names both variables', async () => {
    const a = await api([]);
    const e = await batchInspectProbe.run(input(a.baseUrl()), cdpCtx(a.net()));
    expect(e).toEqual({ configured: false, missing: ['SITECORE_CDP_CLIENT_KEY', 'SITECORE_CDP_API_TOKEN'] });
    expect(a.requests).toEqual([]);
  });

  it('asks once for error and corrupted uploads and records refs, dates and log links with signatures masked', async () => {
    const a = await api([batch(1, 'success', 1), batch(2, 'error', 2, SIGNED_LOG), batch(3, 'corrupted', 12), batch(4, 'error', 40), batch(5, 'processing', 0)]);
    credentials();
    const e = await batchInspectProbe.run(input(a.baseUrl()), cdpCtx(a.net()));
    expect(a.requests.map((r) => r.url)).toEqual(['/v2/batches/inspect?status=error,corrupted&limit=100&offset=0']);
    expect(e).toEqual({
      configured: true,
      base: `https://api-engage-eu.sitecorecloud.io:${a.port}/`,
      statuses: ['error', 'corrupted'],
      totalCount: 2,
      uploads: [
        { ref: batch(2, 'error', 2).ref, status: 'error', createdAt: at(2), modifiedAt: at(2), log: 'https://cdp-batch-logs.s3.amazonaws.com/t1/5e0f0002.log?X-Amz-Credential=***&X-Amz-Signature=***' },
        { ref: batch(3, 'corrupted', 12).ref, status: 'corrupted', createdAt: at(12), modifiedAt: at(12) },
      ],
      truncated: false,
    });
    expect(leaks(JSON.stringify(e))).toEqual([]);
  });

  it('pages through 250 failures and keeps the newest 200', async () => {
    const a = await api(Array.from({ length: 250 }, (_, i) => batch(i, 'error', i / 10)));
    credentials();
    const e = await batchInspectProbe.run(input(a.baseUrl()), cdpCtx(a.net()));
    expect(a.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('offset'))).toEqual(['0', '100', '200']);
    expect(e).toMatchObject({ totalCount: 250, truncated: true });
    const uploads = (e as { uploads: { ref: string }[] }).uploads;
    expect([uploads.length, uploads[0]!.ref, uploads[199]!.ref]).toEqual([200, batch(0, 'error', 0).ref, batch(199, 'error', 0).ref]);
  });

  it('records a refused token as evidence', async () => {
    const a = await api([batch(2, 'error', 2)], 'tok-the-tenant-has-now');
    credentials();
    const e = await batchInspectProbe.run(input(a.baseUrl()), cdpCtx(a.net()));
    expect(e).toMatchObject({ configured: true, refused: { status: 401 }, uploads: [] });
  });

  it('ends against a server that never answers as TIMEOUT within the time limit + 1 s', async () => {
    credentials();
    const hang = await startFaultServer('hang');
    try {
      const r = await failure(() => batchInspectProbe.run(input(hang.url), cdpCtx({}, 800)));
      expect({ code: r.code, inTime: r.ms < 800 + 1000 }).toEqual({ code: 'TIMEOUT', inTime: true });
    } finally {
      await hang.close();
    }
  });
});
