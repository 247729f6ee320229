import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, startHttpServer, type TestServer } from '../../../test/support/http-servers.js';
import { failure, probeCtx } from '../http/test-helpers.js';
import { LoadInput, loadTimeLimitMs } from './inputs.js';
import { loadProbe } from './load.probe.js';

const SECRET = 'Bearer load-test-secret-4f9a';
let site: TestServer;
const bodies: string[] = [];
beforeAll(async () => {
  site = await startHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"decision":"hero-b"}'), 5);
    });
  });
});
afterAll(() => site.close());

const input = (over: Record<string, unknown> = {}) => LoadInput.parse({ url: `${site.origin}/v1/personalize?client_key=k`, method: 'POST', rates: [20, 40], durationMs: 500, warmupMs: 0, timeoutMs: 1000, ...over });

describe('latency/load', () => {
  it('runs each rate in turn with the configured request, and keeps secrets and bodies out of the evidence', async () => {
    process.env.GOLIVE_TEST_EDGE_AUTH = SECRET;
    const before = site.requests.length;
    try {
      const e = await loadProbe.run(input({ body: '{"friendlyId":"home_hero"}', headers: { 'X-Site': 'shop-eu' }, secretHeaders: { authorization: 'GOLIVE_TEST_EDGE_AUTH' } }), probeCtx());
      if (!e.configured) throw new Error('not configured');
      expect(e.runs.map((r) => [r.rate, r.stats.requests, r.stats.answered, r.stats.errorRate])).toEqual([[20, 10, 10, 0], [40, 20, 20, 0]]);
      expect(e.runs[0]!.stats.latency!.p50).toBeGreaterThan(4);
      expect(e.settings).toMatchObject({ method: 'POST', headerNames: ['authorization', 'content-type', 'user-agent', 'x-site'], bodyBytes: 26, connections: 50, timeoutMs: 1000 });
      const seen = site.requests.slice(before);
      expect(seen).toHaveLength(30);
      expect(seen.every((r) => r.method === 'POST' && r.headers.authorization === SECRET && r.headers['content-type'] === 'application/json' && r.headers['x-site'] === 'shop-eu')).toBe(true);
      expect(bodies.at(-1)).toBe('{"friendlyId":"home_hero"}');
      const text = JSON.stringify(e);
      expect(text).not.toContain('load-test-secret');
      expect(text).not.toContain('home_hero');
      expect(text).not.toContain('hero-b');
    } finally {
      delete process.env.GOLIVE_TEST_EDGE_AUTH;
    }
  });

  it('sends nothing when a secret header\'s variable is not set, and names it', async () => {
    const before = site.requests.length;
    const e = await loadProbe.run(input({ secretHeaders: { authorization: 'GOLIVE_TEST_UNSET_VARIABLE' } }), probeCtx());
    expect(e).toEqual({ configured: false, missing: ['GOLIVE_TEST_UNSET_VARIABLE'] });
    expect(site.requests.length).toBe(before);
  });

  it('counts a server that never answers as timeouts, and ends within its time limit + 1 s', async () => {
    const hang = await startFaultServer('hang');
    try {
      const i = LoadInput.parse({ url: hang.url, rates: [10], durationMs: 500, warmupMs: 0, timeoutMs: 400 });
      const t0 = performance.now();
      const e = await loadProbe.run(i, probeCtx({ timeoutMs: 600 }));
      expect(performance.now() - t0).toBeLessThan(loadTimeLimitMs(i) + 1000);
      if (!e.configured) throw new Error('not configured');
      expect([e.runs[0]!.stats.requests, e.runs[0]!.stats.timeoutRate, e.runs[0]!.stats.errors, e.runs[0]!.stats.latency]).toEqual([5, 1, { timeout: 5 }, null]);
    } finally {
      await hang.close();
    }
  });

  it('tells the runner a time limit that fits its input: every run, the last timeout and a margin', () => {
    const limit = loadProbe.timeoutMs as (i: LoadInput) => number;
    const short = LoadInput.parse({ url: 'https://x.test/', rates: [10], durationMs: 2000, warmupMs: 500, timeoutMs: 1000 });
    const longest = LoadInput.parse({ url: 'https://x.test/', rates: [1, 1], durationMs: 300_000, warmupMs: 30_000, timeoutMs: 60_000 });
    expect([limit(short), limit(longest)]).toEqual([2500 + 1050 + 2000, 2 * (330_000 + 60_050) + 2000]);
    expect(LoadInput.safeParse({ url: 'https://x.test/', rates: [1, 1, 1], durationMs: 1000 }).success).toBe(false);
  });

  it('is CONNECTION_REFUSED when nothing listens: nothing was measured', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const r = await failure(() => loadProbe.run(LoadInput.parse({ url: `http://127.0.0.1:${port}/`, rates: [10], durationMs: 300, warmupMs: 0 }), probeCtx()));
    expect(r.code).toBe('CONNECTION_REFUSED');
  });

  it('honours --resolve, and stops with ABORTED on the run\'s signal', async () => {
    const host = `decisions.golive.test:${site.port}`;
    const e = await loadProbe.run(input({ url: `http://${host}/`, rates: [20], durationMs: 250 }), probeCtx({ resolve: { [host]: '127.0.0.1' } }));
    expect(e.configured && e.runs[0]!.stats.answered).toBe(5);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('interrupted')), 200);
    const r = await failure(() => loadProbe.run(input({ rates: [20], durationMs: 60_000 }), probeCtx({}, controller.signal)));
    expect({ code: r.code, quick: r.ms < 2000 }).toEqual({ code: 'ABORTED', quick: true });
  });
});
