import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCert, startFaultServer, startHttpServer, startSite, type TestServer } from '../../../test/support/http-servers.js';
import { securityHeadersRule } from './security-headers.rule.js';
import { CORS_ORIGIN, securityScanProbe, SecurityScanInput } from './security-scan.probe.js';
import { failure, probeCtx, ruleCtx } from './test-helpers.js';

const PAGE = '<html><head><meta http-equiv="Content-Security-Policy" content="img-src \'self\'"><meta name="referrer" content="no-referrer"></head></html>';
const GOOD_HEADERS = {
  'content-type': 'text/html',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'set-cookie': ['SESSIONID=abc; Path=/; Secure; HttpOnly; SameSite=Lax'],
};

describe('http/security-scan', () => {
  const tls = selfSignedCert(['shop.test']);
  let https: TestServer;
  let http: TestServer;
  const net = () => ({ ca: [tls.cert], resolve: { 'shop.test:*': '127.0.0.1' } });

  beforeAll(async () => {
    https = await startHttpServer((req, res) => {
      if (req.method === 'OPTIONS') return void res.writeHead(204, { 'access-control-allow-origin': req.headers.origin ?? '', 'access-control-allow-credentials': 'true', 'x-other': '1' }).end();
      if (req.url === '/start') return void res.writeHead(302, { location: '/', 'set-cookie': 'first=1; Path=/' }).end();
      res.writeHead(200, GOOD_HEADERS).end(PAGE);
    }, { tls });
    http = await startSite({ '/': ({ url }) => ({ status: 301, headers: { location: `https://shop.test:${https.port}${url.pathname}` } }) });
  });
  afterAll(async () => {
    await Promise.all([https.close(), http.close()]);
  });

  it('gathers the https page, its meta policies, every cookie, the http chain and a CORS preflight', async () => {
    const input = SecurityScanInput.parse({ url: `https://shop.test:${https.port}/start`, httpUrl: `http://shop.test:${http.port}/` });
    const e = await securityScanProbe.run(input, probeCtx(net()));
    expect(e.https.hops.map((h) => h.status)).toEqual([302, 200]);
    expect(e.https.hops.flatMap((h) => h.headers['set-cookie'] ?? [])).toEqual(['first=<redacted>; Path=/', 'SESSIONID=<redacted>; Path=/; Secure; HttpOnly; SameSite=Lax']);
    expect(e.https.final.html).toEqual({ metaCsp: ["img-src 'self'"], metaReferrer: 'no-referrer' });
    expect(e.http.hops.map((h) => h.url)).toEqual([`http://shop.test:${http.port}/`, `https://shop.test:${https.port}/`]);
    expect(e.cors).toEqual({ origin: CORS_ORIGIN, status: 204, headers: { 'access-control-allow-origin': CORS_ORIGIN, 'access-control-allow-credentials': 'true' } });
    // The preflight reflects our origin with credentials: the Observatory's worst CORS result, -50.
    const v = securityHeadersRule.judge(e, securityHeadersRule.options.parse({}), ruleCtx);
    expect(v.findings.find((f) => f.subject === 'cross-origin-resource-sharing')?.code).toBe('cross-origin-resource-sharing-implemented-with-universal-access');
    expect(v.status).toBe('fail');
  });

  it('records a closed http:// port as an error of the http side only', async () => {
    const gone = await startSite({});
    await gone.close();
    const input = SecurityScanInput.parse({ url: `https://shop.test:${https.port}/`, httpUrl: `http://127.0.0.1:${gone.port}/` });
    const e = await securityScanProbe.run(input, probeCtx(net()));
    expect([e.http.hops.length, e.http.error?.code, e.https.final.status]).toEqual([0, 'CONNECTION_REFUSED', 200]);
  });

  it('ends with TIMEOUT within the time limit + 1 s when the server never answers', async () => {
    const hang = await startFaultServer('hang');
    try {
      const port = new URL(hang.url).port;
      const input = SecurityScanInput.parse({ url: `https://127.0.0.1:${port}/`, httpUrl: hang.url });
      const r = await failure(() => securityScanProbe.run(input, probeCtx({ timeoutMs: 700 })));
      expect({ code: r.code, inTime: r.ms < 1700 }).toEqual({ code: 'TIMEOUT', inTime: true });
    } finally {
      await hang.close();
    }
  });
});
