// The generator against the truth: a server in its own process (test-helpers.ts) sleeps a known,
// seeded time per request and records it server-side. No timing is asserted as performance; the
// margins only separate right from wrong (a closed loop, or a latency counted from the actual send,
// misses the stalled server's queue by seconds).
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetOptions } from '../checks/types.js';
import { runClosedLoop } from './generator.js';
import { openPool } from './pool.js';
import { runLoad, type LoadPlan } from './run.js';
import { percentileOf, startTruthServer, type TruthServer } from './test-helpers.js';

const net: NetOptions = { resolvers: [], resolve: {}, ca: [], timeoutMs: 5000 };
let server: TruthServer;
beforeAll(async () => {
  server = await startTruthServer({ baseMs: 20, stallMs: 120, stallShare: 0.05, seed: 11 });
});
afterAll(() => server.close());

const plan = (path: string, over: Partial<LoadPlan> = {}): LoadPlan => ({
  request: { url: `${server.origin}${path}`, method: 'GET', headers: {} },
  rate: 50, durationMs: 1000, warmupMs: 0, connections: 20, timeoutMs: 5000, lateThresholdMs: 1, expect: [{ from: 200, to: 299 }],
  ...over,
});
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('open-loop load against a server of known latency', () => {
  it('reports a p50 and p99 close to the service times the server recorded', async () => {
    await server.reset();
    const r = await runLoad(plan('/work', { rate: 60, durationMs: 3000 }), net);
    const truth = sorted((await server.truth('/work')).serviceMs);
    expect([r.stats.requests, r.stats.answered, truth.length]).toEqual([180, 180, 180]);
    const p50 = percentileOf(truth, 50);
    expect(Math.abs(r.stats.latency!.p50 - p50)).toBeLessThan(Math.max(5, p50 * 0.25));
    // 5 % of requests stall for 120 ms: the p99 is a stall, seen by both sides.
    expect(percentileOf(truth, 99)).toBeGreaterThan(100);
    expect(r.stats.latency!.p99).toBeGreaterThan(100);
    expect(r.stats.latency!.p50).toBeLessThan(r.stats.latency!.p95 + 0.001);
    expect(r.stats.statuses).toEqual({ 200: 180 });
  });

  it('counts latency from the intended start: a server slower than the connections allow shows its queue (no coordinated omission)', async () => {
    await server.reset();
    // 2 connections × 300 ms caps the server at under 7 requests a second; 20 are offered.
    const r = await runLoad(plan('/sleep?ms=300', { rate: 20, durationMs: 1000, connections: 2 }), net);
    const truth = sorted((await server.truth('/sleep')).serviceMs);
    expect(r.stats.answered).toBe(20);
    expect(percentileOf(truth, 50)).toBeLessThan(600);
    // Request i waits for the ones before it: the median is seconds, not the 300 ms each one took.
    expect(r.stats.latency!.p50).toBeGreaterThan(3 * percentileOf(truth, 50));
    expect(r.stats.latency!.max).toBeGreaterThan(2000);
    expect(r.stats.queued.count).toBeGreaterThan(10);
  });

  it('keeps the offered rate and excludes the warm-up', async () => {
    await server.reset();
    const r = await runLoad(plan('/zero', { rate: 100, durationMs: 2000, warmupMs: 500 }), net);
    expect((await server.truth('/zero')).serviceMs.length).toBe(250);
    expect(r.stats.requests).toBe(200);
    expect(r.stats.achievedRate).toBeGreaterThan(80);
    expect(r.stats.achievedRate).toBeLessThan(120);
    expect(r.elapsedMs).toBeGreaterThan(1500);
  });

  it('counts unexpected statuses as errors by kind, and accepts the ones expected', async () => {
    await server.reset();
    const r = await runLoad(plan('/status?code=503&every=4', { rate: 40 }), net);
    expect([r.stats.requests, r.stats.errorRate, r.stats.errors, r.stats.statuses]).toEqual([40, 0.25, { 'status-5xx': 10 }, { 200: 30, 503: 10 }]);
    await server.reset();
    const teapot = await runLoad(plan('/status?code=418&every=2', { rate: 40, expect: [{ from: 200, to: 299 }, { from: 418, to: 418 }] }), net);
    expect([teapot.stats.errorRate, teapot.stats.errors]).toEqual([0, {}]);
    const unexpected = await runLoad(plan('/status?code=404&every=1', { rate: 20 }), net);
    expect(unexpected.stats.errors).toEqual({ 'status-unexpected': 20 });
  });

  it('counts a server that never answers as timeouts from the intended start, and ends within duration + timeout + 1 s', async () => {
    const t0 = performance.now();
    const r = await runLoad(plan('/hang', { rate: 20, durationMs: 500, timeoutMs: 300 }), net);
    expect(performance.now() - t0).toBeLessThan(500 + 300 + 1000);
    expect([r.stats.requests, r.stats.answered, r.stats.latency, r.stats.timeoutRate, r.stats.errorRate, r.stats.errors]).toEqual([10, 0, null, 1, 1, { timeout: 10 }]);
  });

  it('names connection errors by code: refused and reset', async () => {
    const closed = await freePort();
    const refused = await runLoad(plan('/', { rate: 20, durationMs: 500, request: { url: `http://127.0.0.1:${closed}/`, method: 'GET', headers: {} } }), net);
    expect([refused.stats.errors, refused.stats.errorRate]).toEqual([{ 'connection-refused': 10 }, 1]);
    const reset = await runLoad(plan('/reset', { rate: 20, durationMs: 500 }), net);
    expect([reset.stats.errors, reset.stats.answered]).toEqual([{ 'connection-reset': 10 }, 0]);
  });

  it('stops on the signal and reports what finished', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('interrupted')), 400);
    const t0 = performance.now();
    const r = await runLoad(plan('/sleep?ms=50', { rate: 50, durationMs: 10_000 }), net, controller.signal);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(r.interrupted).toBe(true);
    expect(r.stats.requests).toBeGreaterThan(5);
    expect(r.stats.requests).toBeLessThan(250);
    expect(r.stats.answered + r.abandoned).toBe(r.stats.requests);
  });

  it('honours --resolve: the URL names a host that only the override knows', async () => {
    const port = new URL(server.origin).port;
    const r = await runLoad(plan('/zero', { rate: 20, durationMs: 250, request: { url: `http://decisions.golive.test:${port}/zero`, method: 'GET', headers: {} } }), { ...net, resolve: { [`decisions.golive.test:${port}`]: '127.0.0.1' } });
    expect([r.stats.answered, r.stats.errorRate, r.settings.url]).toEqual([5, 0, `http://decisions.golive.test:${port}/zero`]);
  });

  it('sends the method, headers and body, and reports only header names and the body size', async () => {
    const r = await runLoad(plan('/zero', { rate: 20, durationMs: 250, request: { url: `${server.origin}/zero?token=s3cret-value`, method: 'POST', headers: { authorization: 'Bearer s3cret-value', 'content-type': 'application/json' }, body: '{"flow":"home"}' } }), net);
    expect(r.stats.answered).toBe(5);
    expect(JSON.stringify(r)).not.toContain('s3cret');
    expect(r.settings).toMatchObject({ method: 'POST', headerNames: ['authorization', 'content-type'], bodyBytes: 15 });
  });
});

describe('closed loop (throughput only)', () => {
  it('keeps every connection busy for the duration', async () => {
    const pool = openPool(server.origin, net, 4, 2000);
    try {
      const r = await runClosedLoop(pool, { request: { url: `${server.origin}/sleep?ms=20`, method: 'GET', headers: {} }, connections: 4, durationMs: 500, timeoutMs: 2000, lateThresholdMs: 1, expect: [{ from: 200, to: 299 }] });
      // 4 connections × 500 ms / ~20 ms: dozens, never more than the connections allow.
      expect(r.stats.answered).toBe(r.stats.requests);
      expect(r.stats.requests).toBeGreaterThan(20);
      expect(r.stats.requests).toBeLessThanOrEqual(4 * 26 + 4);
      expect(r.stats.late.count).toBe(0);
    } finally {
      await pool.destroy();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
