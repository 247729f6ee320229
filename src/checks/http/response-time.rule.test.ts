import { describe, expect, it } from 'vitest';
import type { TimingEvidence } from './evidence.js';
import { responseTimeRule } from './response-time.rule.js';
import { summarise } from './stats.js';
import { compare, type RuleCase } from './test-helpers.js';

function timing(totals: number[], status = 200, ttfbs = totals.map((t) => Math.round(t / 2))): TimingEvidence {
  const samples = totals.map((totalMs, i) => ({ status, ttfbMs: ttfbs[i]!, totalMs }));
  return { request: { url: 'https://www.example.com/', method: 'GET' }, warmup: 1, samples, stats: { ttfb: summarise(ttfbs), total: summarise(totals) } };
}

const cases: RuleCase<TimingEvidence>[] = [
  { name: 'fast', evidence: timing([120, 130, 110, 140, 125]), status: 'pass', codes: [] },
  { name: 'p95 over the limit', evidence: timing([120, 130, 110, 140, 1500]), status: 'fail', codes: ['too-slow'] },
  { name: 'median under the limit despite one outlier', evidence: timing([120, 130, 110, 140, 1500]), options: { statistic: 'p50' }, status: 'pass', codes: [] },
  { name: 'max', evidence: timing([120, 130, 1100]), options: { statistic: 'max' }, status: 'fail', codes: ['too-slow'] },
  { name: 'warn band', evidence: timing([700, 720, 710]), options: { maxMs: 1000, warnMs: 600 }, status: 'warn', codes: ['slow'] },
  { name: 'ttfb metric', evidence: timing([900, 900, 900], 200, [100, 120, 110]), options: { metric: 'ttfb', maxMs: 200 }, status: 'pass', codes: [] },
  { name: 'fast because it fails', evidence: timing([20, 20, 20], 500), status: 'warn', codes: ['error-samples'] },
];

describe('http/response-time', () => {
  it.each(cases)('$name', (c) => {
    const { got, want, summary } = compare(responseTimeRule, c);
    expect(got, summary).toEqual(want);
  });

  it('takes nearest-rank percentiles', () => {
    expect(summarise([5, 1, 4, 2, 3])).toEqual({ p50: 3, p95: 5, max: 5, mean: 3 });
    expect(summarise(Array.from({ length: 20 }, (_, i) => i + 1))).toMatchObject({ p50: 10, p95: 19, max: 20 });
  });

  it('asks the probe for the number of samples', () => {
    expect(responseTimeRule.probeInput({ url: 'https://x.test/' }, responseTimeRule.options.parse({ samples: 9 }))).toMatchObject({ samples: 9, warmup: 1 });
  });
});
