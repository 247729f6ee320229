import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startZoneServer } from '../../../test/support/dns-server.js';
import { startFaultServer } from '../../../test/support/http-servers.js';
import { chromiumSpy, type ChromiumSpy } from '../../../test/support/page-chromium.js';
import { EDGE, PROD, startPageSite, type PageSite } from '../../../test/support/page-site.js';
import { unusedPort } from '../../../test/support/tls-server.js';
import { runChecks } from '../../runner/runner.js';
import { createRegistry } from '../registry.js';
import { ProbeError, type NetOptions, type ProbeContext } from '../types.js';
import { rules } from './index.js';
import { pageInput, pageOptionShape } from './inputs.js';
import { z } from 'zod';
import { loadProbe } from './load.probe.js';
import { probes } from './probes.js';

// page/load in real headless Chromium: against the local shop (HTTPS with a test CA, reached under
// its names through --resolve), against servers that never answer or do not listen, without a
// Chromium, and through the runner (one browser per run, gone when the run ends or is cancelled).

let site: PageSite;
let spy: ChromiumSpy;
let cwd: string;
beforeAll(async () => {
  site = await startPageSite();
  spy = chromiumSpy();
  cwd = mkdtempSync(path.join(tmpdir(), 'golive-page-probe-'));
});
afterAll(async () => {
  await site?.close();
  spy?.remove();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});
afterEach(() => vi.unstubAllEnvs());

const options = (o: Record<string, unknown> = {}) => z.object(pageOptionShape).parse(o);
const ctx = (net: Partial<NetOptions>, timeoutMs = 15_000): ProbeContext => ({
  signal: AbortSignal.timeout(timeoutMs), net: { resolvers: [], resolve: {}, ca: [], timeoutMs, ...net }, log: { debug: () => undefined }, now: new Date(), cwd, allowLogin: false,
});

async function failure(run: () => Promise<unknown>): Promise<{ error: ProbeError; ms: number }> {
  const t0 = Date.now();
  try {
    await run();
  } catch (err) {
    return { error: err as ProbeError, ms: Date.now() - t0 };
  }
  throw new Error('expected the probe to fail');
}

describe('page/load', () => {
  it('records the SDK, the Sitecore calls with their JSON, the events checked by the event rules, and the page', async () => {
    const e = await loadProbe.run(pageInput(site.url('/'), options({ consent: '#accept', slots: [{ name: 'hero', selector: '#hero' }] }), false), ctx(site.net));
    expect(e.sdk.cloud).toMatchObject({ core: '0.6.1', events: '0.6.1', personalize: '0.6.1', siteName: 'shop', contextId: 'ctx-golive-test' });
    expect(e.calls.map((c) => [c.kind, c.sdk, c.status])).toEqual([['browser', 'cloud', 200], ['events', 'cloud', 201], ['decision', 'cloud', 200]]);
    expect(e.calls[1]!.body).toMatchObject({ type: 'VIEW', channel: 'WEB', currency: 'EUR', language: 'EN', pos: '' });
    expect(e.events.checks.filter((c) => c.violations > 0)).toEqual([]);
    expect(e.events.checks.map((c) => c.id)).toContain('events/language-code');
    expect(e.events.skipped.map((s) => s.id)).toEqual(['events/pos-present', 'events/pos-channel']);
    expect([e.lang, e.consent.cookiesBefore, e.links]).toEqual(['en-GB', [], [{ url: site.url('/sale'), status: 200 }]]);
    expect(e.screenshot?.path).toMatch(/^\.golive\/artifacts\/[0-9a-f]{64}\.png$/);
  });

  it('blocks Sitecore in the blocked load: nothing reaches the edge, and the slot shows its fallback', async () => {
    site.edge.length = 0;
    const e = await loadProbe.run(pageInput(site.url('/'), options({ consent: '#accept', slots: [{ name: 'hero', selector: '#hero' }] }), true), ctx(site.net));
    expect(site.edge).toEqual([]);
    expect(e.calls.every((c) => c.blocked === true && c.failure === 'blocked by golive')).toBe(true);
    expect(e.slots[0]).toMatchObject({ found: true, text: 'Our bestsellers See all' });
  });

  it('takes the moment of consent when a late banner shows: a cookie set before it counts as before consent', async () => {
    const e = await loadProbe.run(pageInput(site.url('/late-banner'), options({ consent: '#accept' }), false), ctx(site.net));
    expect(e.consent.cookiesBefore).toContain('early');
    expect(e.consent.atMs).toBeGreaterThanOrEqual(700);
    expect(e.steps[0]).toMatchObject({ consent: true, ok: true });
  });

  it('sees a variant marker on the slot container itself as filled; slotWaitMs 0 does not wait for an empty slot', async () => {
    const slots = [{ name: 'hero', selector: '#hero', filled: '[data-variant]' }, { name: 'empty', selector: '#empty' }];
    const t0 = Date.now();
    const e = await loadProbe.run(pageInput(site.url('/marker-slot'), options({ slots, slotWaitMs: 0, settleMs: 0 }), false), ctx(site.net));
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(e.slots.map((s) => [s.name, s.filledAtMs !== undefined])).toEqual([['hero', true], ['empty', false]]);
  });

  it('fetches the lazy images of a slot below the window instead of counting them as broken', async () => {
    const e = await loadProbe.run(pageInput(site.url('/lazy-slot'), options({ slots: [{ name: 'below', selector: '#below' }], slotWaitMs: 0, settleMs: 0 }), false), ctx(site.net));
    expect(e.slots[0]?.images).toEqual([
      { src: site.url('/img/boots.png'), loaded: false, lazy: true, status: 200 },
      { src: site.url('/img/missing.png'), loaded: false, lazy: true, status: 404 },
    ]);
    expect(e.requests.list.some((r) => r.url.endsWith('.png'))).toBe(false);
  });

  it('does not trust the site without its CA: TLS_CERT (Chromium keeps its own trust store)', async () => {
    const { error } = await failure(() => loadProbe.run(pageInput(site.url('/'), options(), false), ctx({ resolve: site.net.resolve })));
    expect(error.code).toBe('TLS_CERT');
  });

  it('refuses a --ca-file origin whose certificate is for another name, with the reason', async () => {
    const { error } = await failure(() => loadProbe.run(pageInput(`https://127.0.0.1:${site.port}/`, options(), false), ctx(site.net)));
    expect([error.code, error.message]).toEqual(['TLS_CERT', expect.stringContaining('certificate not trusted')]);
  });

  it('checks the hops of a redirect too: one to an origin whose certificate is for another name is TLS_CERT', async () => {
    const away = site.url(`/away?to=${encodeURIComponent(`https://127.0.0.1:${site.port}/`)}`);
    const { error } = await failure(() => loadProbe.run(pageInput(away, options(), false), ctx(site.net)));
    expect([error.code, error.message]).toEqual(['TLS_CERT', expect.stringContaining(`redirected to https://127.0.0.1:${site.port}/, certificate not trusted`)]);
    // The same redirect to a trusted name loads.
    const fine = await loadProbe.run(pageInput(site.url(`/away?to=${encodeURIComponent(site.url('/sale'))}`), options(), false), ctx(site.net));
    expect(fine.finalUrl).toBe(site.url('/sale'));
  });

  it('records an image that a redirect took to an untrusted origin as failed, with the reason', async () => {
    const image = `https://127.0.0.1:${site.port}/img/boots.png`;
    const page = await loadProbe.run(pageInput(site.url(`/hop-image?to=${encodeURIComponent(image)}`), options(), false), ctx(site.net));
    const hop = page.requests.list.find((r) => r.url === image);
    expect(hop?.failure).toEqual(expect.stringContaining('certificate not trusted'));
    expect(page.requests.list.find((r) => r.url.includes('/away'))?.failure).toBeUndefined();
  });

  it('resolves the page and everything it loads through --resolver, as the other probes do', async () => {
    const dns = await startZoneServer({ records: [PROD, EDGE].map((name) => ({ name, type: 'A' as const, address: '127.0.0.1' })) });
    try {
      const e = await loadProbe.run(pageInput(site.url('/'), options({ consent: '#accept' }), false), ctx({ resolvers: [dns.spec], ca: site.net.ca }));
      expect(e.status).toBe(200);
      // The SDK's calls to the Edge went through the same resolver and were answered.
      expect(e.calls.map((c) => c.kind)).toEqual(expect.arrayContaining(['browser', 'events', 'decision']));
      expect(e.calls.every((c) => c.status !== undefined && c.status < 300)).toBe(true);
      expect(dns.queries).toEqual(expect.arrayContaining([`${PROD} A`, `${EDGE} A`]));
      // A name the servers do not know ends as the DNS error the other probes give, not as a proxy failure.
      const { error } = await failure(() => loadProbe.run(pageInput(`https://nowhere.shop.test:${site.port}/`, options(), false), ctx({ resolvers: [dns.spec], ca: site.net.ca })));
      expect([error.code, error.message]).toEqual(['DNS_NOT_FOUND', expect.stringContaining('nowhere.shop.test')]);
      // Without --ca-file the browser only sees the proxy's failed tunnel; the error is still the DNS one.
      const bare = await failure(() => loadProbe.run(pageInput(`https://nowhere.shop.test:${site.port}/`, options(), false), ctx({ resolvers: [dns.spec] })));
      expect([bare.error.code, bare.error.message]).toEqual(['DNS_NOT_FOUND', expect.stringContaining('nowhere.shop.test')]);
      // Plain HTTP too: the proxy forwards rather than tunnels, and still tells why.
      const plain = await failure(() => loadProbe.run(pageInput(`http://nowhere.shop.test:${site.port}/`, options(), false), ctx({ resolvers: [dns.spec] })));
      expect([plain.error.code, plain.error.message]).toEqual(['DNS_NOT_FOUND', expect.stringContaining('nowhere.shop.test')]);
    } finally {
      await dns.close();
    }
  });

  it('ends against a server that never answers as TIMEOUT within the time limit + 1 s', async () => {
    const hang = await startFaultServer('hang');
    try {
      const { error, ms } = await failure(() => loadProbe.run(pageInput(hang.url, options(), false), ctx({}, 3000)));
      expect({ code: error.code, inTime: ms < 3000 + 1000 }).toEqual({ code: 'TIMEOUT', inTime: true });
    } finally {
      await hang.close();
    }
  });

  it('ends with CONNECTION_REFUSED when nothing listens', async () => {
    const port = await unusedPort();
    const { error } = await failure(() => loadProbe.run(pageInput(`http://127.0.0.1:${port}/`, options(), false), ctx({})));
    expect(error.code).toBe('CONNECTION_REFUSED');
  });

  it('says how to install Chromium when there is none', async () => {
    vi.stubEnv('GOLIVE_CHROMIUM', '/nonexistent/chromium');
    const { error } = await failure(() => loadProbe.run(pageInput(site.url('/'), options(), false), ctx(site.net)));
    expect([error.code, error.hint]).toEqual(['FILE_NOT_FOUND', expect.stringContaining('apt-get install chromium')]);
  });

  it('cannot run a journey whose secret is not in the environment: INVALID_TARGET naming the variable', async () => {
    const input = pageInput(site.url('/login'), options({ steps: [{ fill: '#password', secret: 'GOLIVE_TEST_UNSET_SECRET' }] }), false);
    const { error } = await failure(() => loadProbe.run(input, ctx(site.net)));
    expect([error.code, error.message]).toEqual(['INVALID_TARGET', expect.stringContaining('GOLIVE_TEST_UNSET_SECRET')]);
  });
});

describe('the run\'s browser', () => {
  const registry = createRegistry([{ rules, probes }]);
  const spec = (key: string, url: string) => {
    const rule = registry.rules.get('page/html-lang')!;
    return { key, rule, target: { url }, label: url, options: rule.options.parse({}) };
  };
  const run = (urls: string[], signal?: AbortSignal) => runChecks(urls.map((u, i) => spec(`c${i}`, u)), {
    registry, net: { resolvers: [], ...site.net, timeoutMs: 15_000 }, concurrency: 4, retries: 0, now: () => new Date(), goLive: new Date(), cwd, ...(signal ? { signal } : {}),
  });

  it('is launched once for all page checks of a run and is gone when the run ends', async () => {
    vi.stubEnv('GOLIVE_CHROMIUM', spy.path);
    const before = spy.launches().length;
    const { results } = await run([site.url('/'), site.url('/no-lang'), site.url('/product')]);
    expect(results.map((r) => r.status), JSON.stringify(results.map((r) => [r.code, r.summary]))).toEqual(['pass', 'fail', 'pass']);
    expect(spy.launches().length - before).toBe(1);
    expect(spy.alive()).toEqual([]);
  });

  it('is gone when the run is cancelled while a page hangs', async () => {
    vi.stubEnv('GOLIVE_CHROMIUM', spy.path);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('interrupted')), 2500);
    const { cancelled } = await run([site.url('/hang'), site.url('/')], controller.signal);
    expect(cancelled).toBe(true);
    expect(spy.alive()).toEqual([]);
  });
});
