import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCert, startSite, type Route, type RouteFn, type TestServer } from '../../../test/support/http-servers.js';
import type { AnyRule } from '../types.js';
import { canonicalHostRule } from './canonical-host.rule.js';
import { fetchProbe } from './fetch.probe.js';
import { httpsRedirectRule } from './https-redirect.rule.js';
import { noBasicAuthRule } from './no-basic-auth.rule.js';
import { robotsRule } from './robots.rule.js';
import { probeCtx, ruleCtx } from './test-helpers.js';

// Rules end to end: target -> probe input -> http/fetch against real loopback servers -> verdict.
// One TLS server answers for several names (Host-based, as a CDN does); --resolve maps them to 127.0.0.1.
describe('http rules against live local sites', () => {
  const tls = selfSignedCert(['shop.test', 'www.shop.test', 'lossy.test', 'locked.test']);
  let https: TestServer;
  let http: TestServer;
  const resolve = { 'shop.test:*': '127.0.0.1', 'www.shop.test:*': '127.0.0.1', 'lossy.test:*': '127.0.0.1', 'locked.test:*': '127.0.0.1' };

  const byHost: RouteFn = ({ url, host }): Route => {
    const name = host.replace(/:\d+$/, '');
    const to = (h: string, path: string): Route => ({ status: 301, headers: { location: `https://${h}:${https.port}${path}` } });
    if (name === 'shop.test') return to('www.shop.test', url.pathname + url.search);
    if (name === 'lossy.test') return to('www.shop.test', url.pathname);
    if (name === 'locked.test') return { status: 401, headers: { 'www-authenticate': 'Basic realm="Staging"' } };
    if (url.pathname === '/robots.txt') return { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /\n' };
    return { headers: { 'strict-transport-security': 'max-age=31536000', 'content-type': 'text/html' }, body: '<p>shop</p>' };
  };

  beforeAll(async () => {
    https = await startSite({ '*': byHost }, { tls });
    http = await startSite({ '*': ({ url, host }) => ({ status: 301, headers: { location: `https://${host.replace(/:\d+$/, '')}:${https.port}${url.pathname}${url.search}` } }) });
  });
  afterAll(async () => {
    await Promise.all([https.close(), http.close()]);
  });

  async function check(rule: AnyRule, target: string, options: Record<string, unknown> = {}) {
    const opts: unknown = rule.options.parse(options);
    const input = fetchProbe.input.parse(rule.probeInput(rule.target.parse(rule.targetFromString(target)), opts));
    const evidence = await fetchProbe.run(input, probeCtx({ ca: [tls.cert], resolve }));
    return rule.judge(evidence, opts, ruleCtx);
  }

  it('canonical-host: one 301 keeping the test path and query', async () => {
    const v = await check(canonicalHostRule, `https://shop.test:${https.port}/`, { canonicalHost: 'www.shop.test' });
    expect([v.status, v.findings.map((f) => f.code)]).toEqual(['pass', []]);
    expect(https.requests.some((r) => r.url === '/golive-canonical-check?from=golive' && r.headers.host === `www.shop.test:${https.port}`)).toBe(true);
  });

  it('canonical-host: a redirect that drops the query fails', async () => {
    const v = await check(canonicalHostRule, `https://lossy.test:${https.port}/cart?item=7`, { canonicalHost: 'www.shop.test' });
    expect([v.status, v.findings.map((f) => f.code)]).toEqual(['fail', ['query-not-kept']]);
  });

  it('https-redirect: http:// goes to https:// on the same host in one 301', async () => {
    const v = await check(httpsRedirectRule, `http://www.shop.test:${http.port}/`);
    expect([v.status, v.findings.map((f) => f.code)]).toEqual(['pass', []]);
  });

  it('robots: a staging Disallow: / in production fails', async () => {
    const v = await check(robotsRule, `https://www.shop.test:${https.port}/`);
    expect([v.status, v.findings.map((f) => f.code)]).toEqual(['fail', ['crawling-blocked']]);
  });

  it('no-basic-auth: a staging lock fails', async () => {
    const v = await check(noBasicAuthRule, `https://locked.test:${https.port}/`);
    expect([v.status, v.findings.map((f) => f.code)]).toEqual(['fail', ['basic-auth']]);
  });
});
