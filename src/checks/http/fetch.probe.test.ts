import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redirect, selfSignedCert, startFaultServer, startHttpServer, startSite, type TestServer } from '../../../test/support/http-servers.js';
import { fetchInput, fetchProbe } from './fetch.probe.js';
import { failure, probeCtx } from './test-helpers.js';

describe('http/fetch against a local site', () => {
  let site: TestServer;
  beforeAll(async () => {
    site = await startSite({
      '/old': redirect('/middle?x=1', 301),
      '/middle?x=1': ({ origin }) => redirect(`${origin}/page`, 302),
      '/page': {
        headers: { 'content-type': 'text/html; charset=utf-8', 'X-Custom': 'Yes', 'set-cookie': ['SESSIONID=secret123; Path=/; Secure; HttpOnly', 'theme=dark'], link: '</canon>; rel="canonical"' },
        body: '<html><head><!-- <link rel="canonical" href="/commented"> --><link rel="canonical" href="/page"><meta http-equiv="Content-Security-Policy" content="default-src \'self\'"></head><body>Hello</body></html>',
      },
      '/health': { headers: { 'content-type': 'application/json' }, body: '{"status":"ok","checks":{"db":"up"}}' },
      '/big': { headers: { 'content-type': 'text/plain' }, body: 'x'.repeat(5000) },
      '/gz': { headers: { 'content-type': 'text/plain', 'content-encoding': 'gzip' }, body: gzipSync('compressed hello') },
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /admin\nSitemap: https://x.test/sitemap.xml\n' },
      '/self': redirect('/self'),
      '/r1': redirect('/r2'),
      '/r2': redirect('/r3'),
      '/r3': { body: 'end' },
    });
  });
  afterAll(() => site.close());

  it('follows relative and absolute redirects and records every hop', async () => {
    const e = await fetchProbe.run(fetchInput(`${site.origin}/old`), probeCtx());
    expect(e.hops.map((h) => [h.url, h.status, h.location])).toEqual([
      [`${site.origin}/old`, 301, `${site.origin}/middle?x=1`],
      [`${site.origin}/middle?x=1`, 302, `${site.origin}/page`],
      [`${site.origin}/page`, 200, undefined],
    ]);
    expect(e.final.headers['x-custom']).toBe('Yes');
    expect(e.final.headers['set-cookie']).toEqual(['SESSIONID=<redacted>; Path=/; Secure; HttpOnly', 'theme=<redacted>']);
    expect(JSON.stringify(e)).not.toContain('secret123');
    expect(e.final.canonicals).toEqual([`${site.origin}/canon`, `${site.origin}/page`]);
    expect(e.final.html?.metaCsp).toEqual(["default-src 'self'"]);
    expect(e.final.body).toContain('Hello');
    expect(e.timings.totalMs).toBeGreaterThanOrEqual(e.timings.ttfbMs);
  });

  it('stops at the first response when follow is false, and HEAD reads no body', async () => {
    const once = await fetchProbe.run(fetchInput(`${site.origin}/old`, { follow: false }), probeCtx());
    expect(once.hops).toHaveLength(1);
    expect(once.final.status).toBe(301);
    const head = await fetchProbe.run(fetchInput(`${site.origin}/page`, { method: 'HEAD' }), probeCtx());
    expect([head.final.status, head.final.bodyBytes, head.request.method]).toEqual([200, 0, 'HEAD']);
  });

  it('keeps JSON bodies, decodes gzip and parses robots.txt on request', async () => {
    const health = await fetchProbe.run(fetchInput(`${site.origin}/health`), probeCtx());
    expect(health.final.json).toEqual({ status: 'ok', checks: { db: 'up' } });
    const gz = await fetchProbe.run(fetchInput(`${site.origin}/gz`), probeCtx());
    expect(gz.final.body).toBe('compressed hello');
    const robots = await fetchProbe.run(fetchInput(`${site.origin}/robots.txt`, { robots: true }), probeCtx());
    expect(robots.final.robots?.groups).toEqual([{ agents: ['*'], rules: [{ type: 'disallow', path: '/admin' }] }]);
  });

  it('ends a redirect loop and an over-long chain as HTTP_REDIRECT_LOOP', async () => {
    expect((await failure(() => fetchProbe.run(fetchInput(`${site.origin}/self`), probeCtx()))).code).toBe('HTTP_REDIRECT_LOOP');
    expect((await failure(() => fetchProbe.run(fetchInput(`${site.origin}/r1`, { maxRedirects: 1 }), probeCtx()))).code).toBe('HTTP_REDIRECT_LOOP');
    const ok = await fetchProbe.run(fetchInput(`${site.origin}/r1`, { maxRedirects: 2 }), probeCtx());
    expect(ok.hops).toHaveLength(3);
  });

  it('refuses a body over maxBodyBytes as HTTP_TOO_LARGE', async () => {
    const r = await failure(() => fetchProbe.run(fetchInput(`${site.origin}/big`, { maxBodyBytes: 1000 }), probeCtx()));
    expect(r.code).toBe('HTTP_TOO_LARGE');
  });

  it('connects to a name through a --resolve override and sends that Host and the given headers', async () => {
    const headers = { 'User-Agent': 'launch-bot', authorization: 'Basic c2VjcmV0' };
    const e = await fetchProbe.run(fetchInput(`http://shop.test:${site.port}/r3`, { headers }), probeCtx({ resolve: { 'shop.test:*': '127.0.0.1' } }));
    expect(e.final.body).toBe('end');
    const seen = site.requests.at(-1)?.headers;
    expect([seen?.host, seen?.['user-agent'], seen?.authorization]).toEqual([`shop.test:${site.port}`, 'launch-bot', 'Basic c2VjcmV0']);
    expect(JSON.stringify(e)).not.toContain('c2VjcmV0');
  });

  it('ends promptly with ABORTED when the caller cancels', async () => {
    const hang = await startFaultServer('hang');
    try {
      const ac = new AbortController();
      setTimeout(() => ac.abort(new Error('user pressed Ctrl-C')), 100);
      const r = await failure(() => fetchProbe.run(fetchInput(hang.url), probeCtx({ timeoutMs: 5000 }, ac.signal)));
      expect([r.code, r.ms < 1500]).toEqual(['ABORTED', true]);
    } finally {
      await hang.close();
    }
  });
});

describe('http/fetch over TLS', () => {
  const tls = selfSignedCert(['shop.test', 'www.shop.test']);
  let server: TestServer;
  beforeAll(async () => {
    server = await startHttpServer((req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`host ${req.headers.host}`), { tls });
  });
  afterAll(() => server.close());

  it('trusts the extra CA and sends the original name as SNI and Host', async () => {
    const e = await fetchProbe.run(fetchInput(`https://www.shop.test:${server.port}/`), probeCtx({ ca: [tls.cert], resolve: { 'www.shop.test:*': '127.0.0.1' } }));
    expect(e.final.body).toBe(`host www.shop.test:${server.port}`);
  });

  it('fails with TLS_CERT without the CA', async () => {
    const r = await failure(() => fetchProbe.run(fetchInput(server.url), probeCtx()));
    expect(r.code).toBe('TLS_CERT');
  });
});

describe('http/fetch when the server never answers', () => {
  it('ends with TIMEOUT within the time limit + 1 s', async () => {
    const hang = await startFaultServer('hang');
    try {
      const r = await failure(() => fetchProbe.run(fetchInput(hang.url), probeCtx({ timeoutMs: 700 })));
      expect(r.code).toBe('TIMEOUT');
      expect(r.ms).toBeLessThan(700 + 1000);
    } finally {
      await hang.close();
    }
  });
});
