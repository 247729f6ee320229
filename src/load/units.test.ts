import { describe, expect, it } from 'vitest';
import { brokenBudgets, nextRate, parseRateStep } from './budgets.js';
import { describeExpectStatus, parseExpectStatus, statusErrorKind, statusExpected } from './status.js';
import type { LoadStats } from './types.js';
import { formatDuration, parseDuration, parseShare } from './units.js';

describe('durations and shares', () => {
  it.each([['60s', 60_000], ['500ms', 500], ['2m', 120_000], ['1.5s', 1500], ['1h', 3_600_000], ['10', 10_000], ['0.25', 250]])('%s is %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each(['', 's', '10 sec', '-1s', '1d', 'abc'])('"%s" is not a duration', (text) => expect(parseDuration(text)).toBeUndefined());
  it('formats durations the way people write them', () => {
    expect([60_000, 500, 120_000, 1500, 90_000].map(formatDuration)).toEqual(['60s', '500ms', '2m', '1.5s', '90s']);
  });
  it('reads shares as percentages or fractions', () => {
    expect(['1%', '0.5%', '0.01', '100%', '1'].map(parseShare)).toEqual([0.01, 0.005, 0.01, 1, 1]);
    expect(['101%', '2', '-1%', 'x', ''].map(parseShare)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});

describe('expected statuses', () => {
  it('reads classes, codes and ranges', () => {
    expect(parseExpectStatus('2xx,304')).toEqual([{ from: 200, to: 299 }, { from: 304, to: 304 }]);
    expect(parseExpectStatus('200-204')).toEqual([{ from: 200, to: 204 }]);
    expect(describeExpectStatus(parseExpectStatus('2xx, 304,400-404'))).toBe('2xx,304,400-404');
    for (const bad of ['', '2xxx', '600', '204-200', 'ok']) expect(() => parseExpectStatus(bad), bad).toThrow();
  });
  it('tells success from the two kinds of failure', () => {
    const ok = parseExpectStatus('2xx');
    expect([200, 299, 301, 503].map((s) => statusExpected(s, ok))).toEqual([true, true, false, false]);
    expect([404, 429, 500, 503].map(statusErrorKind)).toEqual(['status-unexpected', 'status-unexpected', 'status-5xx', 'status-5xx']);
  });
});

const stats = (p99: number, mean: number, errorRate: number, answered = 100): LoadStats => ({
  requests: 100, answered, latency: answered ? { mean, p50: mean, p95: p99, p99, max: p99 } : null, errorRate, errors: {}, timeoutRate: 0, statuses: {}, achievedRate: 10,
  late: { thresholdMs: 1, count: 0, worstMs: 0 }, queued: { count: 0, worstMs: 0 }, generatorBound: false,
});

describe('budgets', () => {
  it('names every broken budget, and only given ones', () => {
    expect(brokenBudgets(stats(320, 40, 0.02), {})).toEqual([]);
    expect(brokenBudgets(stats(320, 40, 0.02), { p99UnderMs: 300, meanUnderMs: 50, maxErrorRate: 0.01 })).toEqual(['p99 320 ms is not under 300 ms', 'error rate 2% is above 1%']);
    expect(brokenBudgets(stats(300, 50, 0.01), { p99UnderMs: 300, meanUnderMs: 50, maxErrorRate: 0.01 })).toEqual(['p99 300 ms is not under 300 ms', 'mean 50 ms is not under 50 ms']);
    expect(brokenBudgets(stats(0, 0, 1, 0), { p99UnderMs: 300 })).toEqual(['no request was answered, so there is no latency to compare']);
  });
  it('steps the rate by a factor or an increment, never past the maximum', () => {
    expect([parseRateStep('1.5x'), parseRateStep('+10'), parseRateStep('1x'), parseRateStep('10'), parseRateStep('+0')]).toEqual([{ kind: 'factor', value: 1.5 }, { kind: 'add', value: 10 }, undefined, undefined, undefined]);
    expect(nextRate(10, { kind: 'factor', value: 1.5 }, 1000)).toBe(15);
    expect(nextRate(15, { kind: 'factor', value: 1.5 }, 1000)).toBe(22.5);
    expect(nextRate(0.01, { kind: 'factor', value: 1.1 }, 1000)).toBe(0.02);
    expect(nextRate(95, { kind: 'add', value: 10 }, 100)).toBe(100);
  });
});
