// Peak search against a server in its own process whose capacity is known: 2 connections to a
// 50 ms endpoint take 40 requests a second at most; past that, requests queue and the p99 grows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetOptions } from '../checks/types.js';
import { findPeak, type PeakPlan } from './peak.js';
import { startTruthServer, type TruthServer } from './test-helpers.js';

const net: NetOptions = { resolvers: [], resolve: {}, ca: [], timeoutMs: 5000 };
let server: TruthServer;
beforeAll(async () => {
  server = await startTruthServer();
});
afterAll(() => server.close());

const plan = (path: string, over: Partial<PeakPlan> = {}): PeakPlan => ({
  request: { url: `${server.origin}${path}`, method: 'GET', headers: {} },
  startRate: 10, step: { kind: 'add', value: 30 }, maxRate: 1000, stepDurationMs: 1000, warmupMs: 0, connections: 2, timeoutMs: 5000,
  lateThresholdMs: 1, expect: [{ from: 200, to: 299 }], p99UnderMs: 250, maxErrorRate: 0.01, maxSteps: 10,
  ...over,
});

describe('peak search', () => {
  it('steps the rate until the p99 budget breaks, and reports the highest rate within it', async () => {
    const seen: number[] = [];
    const p = await findPeak(plan('/sleep?ms=50'), net, undefined, (s) => seen.push(s.rate));
    const rates = p.steps.map((s) => s.rate);
    expect(seen).toEqual(rates);
    expect(p.stoppedBecause).toBe('budget');
    // 10/s passes easily; 70/s is far past capacity; 40/s is capacity itself and may go either way.
    expect([[10, 40], [10, 40, 70]]).toContainEqual(rates);
    expect(p.peakRate).toBe(rates.at(-2));
    const last = p.steps.at(-1)!;
    expect(last.pass).toBe(false);
    expect(last.broken.join(' ')).toMatch(/^p99 .* is not under 250 ms/);
    for (const s of p.steps.slice(0, -1)) expect([s.pass, s.stats.latency!.p99 < 250]).toEqual([true, true]);
    expect(p.settings).toMatchObject({ startRate: 10, step: '+30', p99UnderMs: 250, maxErrorRate: 0.01 });
  });

  it('stops at the maximum rate when every step keeps the budget', async () => {
    const p = await findPeak(plan('/zero', { step: { kind: 'factor', value: 2 }, maxRate: 30, stepDurationMs: 300, connections: 10 }), net);
    expect([p.steps.map((s) => s.rate), p.peakRate, p.stoppedBecause]).toEqual([[10, 20, 30], 30, 'max-rate']);
  });

  it('has no peak when the first step already breaks the latency or the error budget', async () => {
    const slow = await findPeak(plan('/sleep?ms=300', { p99UnderMs: 100, stepDurationMs: 500 }), net);
    expect([slow.steps.length, slow.peakRate, slow.stoppedBecause]).toEqual([1, null, 'budget']);
    await server.reset();
    const failing = await findPeak(plan('/status?code=500&every=2', { stepDurationMs: 400 }), net);
    expect([failing.peakRate, failing.steps[0]!.broken]).toEqual([null, ['error rate 50% is above 1%']]);
  });

  it('stops when interrupted and keeps the finished steps', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('interrupted')), 1500);
    const p = await findPeak(plan('/zero', { step: { kind: 'add', value: 1 }, connections: 10 }), net, controller.signal);
    expect([p.interrupted, p.stoppedBecause, p.steps.length]).toEqual([true, 'interrupted', 1]);
    expect(p.peakRate).toBe(10);
  });
});
