import { describe, expect, it } from 'vitest';
import { compare, type RuleCase } from '../http/test-helpers.js';
import { decisionRule } from './decision.rule.js';
import type { LoadEvidence } from './evidence.js';
import { evidence, failing, stats } from './test-helpers.js';

const cases: RuleCase<LoadEvidence>[] = [
  { name: 'fast at both loads', evidence: evidence([10, stats()], [30, stats({ p99: 80 })]), status: 'pass', codes: [] },
  { name: 'mean over budget at average load', evidence: evidence([10, stats({ mean: 250, p99: 300 })], [30, stats()]), status: 'fail', codes: ['mean-over-budget'] },
  { name: 'p99 over budget at average load', evidence: evidence([10, stats({ p99: 620 })], [30, stats({ p99: 450 })]), status: 'fail', codes: ['p99-over-budget'] },
  { name: 'p99 equal to the budget is not under it', evidence: evidence([10, stats({ p99: 500 })], [30, stats()]), status: 'fail', codes: ['p99-over-budget'] },
  { name: 'peak p99 over the shared budget', evidence: evidence([10, stats()], [30, stats({ p99: 900 })]), status: 'fail', codes: ['peak-p99-over-budget'] },
  { name: 'peak has its own budget', evidence: evidence([10, stats()], [30, stats({ p99: 900 })]), options: { peakP99Under: '1s' }, status: 'pass', codes: [] },
  { name: 'a stricter peak budget', evidence: evidence([10, stats()], [30, stats({ p99: 90 })]), options: { peakP99Under: '80ms' }, status: 'fail', codes: ['peak-p99-over-budget'] },
  { name: 'the mean is judged at average load only', evidence: evidence([10, stats()], [30, stats({ mean: 400, p99: 450 })]), status: 'pass', codes: [] },
  { name: 'errors over budget at peak', evidence: evidence([10, stats()], [30, stats(failing('status-5xx', 0.05))]), status: 'fail', codes: ['peak-error-rate-over-budget'] },
  { name: 'errors within a percent budget', evidence: evidence([10, stats(failing('timeout', 0.02))], [30, stats()]), options: { maxErrorRate: '5%' }, status: 'pass', codes: [] },
  { name: 'timeouts count as errors', evidence: evidence([10, stats(failing('timeout', 0.02))], [30, stats()]), status: 'fail', codes: ['error-rate-over-budget'] },
  { name: 'nothing answered at peak', evidence: evidence([10, stats()], [30, stats({ answered: 0, latency: null, ...failing('timeout', 1) })]), status: 'fail', codes: ['peak-no-answers'] },
  { name: 'generator behind its schedule', evidence: evidence([10, stats()], [30, stats({ generatorBound: true, achievedRate: 24, late: { thresholdMs: 1, count: 120, worstMs: 80 } })]), status: 'warn', codes: ['peak-generator-behind'] },
  { name: 'custom budgets', evidence: evidence([50, stats({ mean: 90, p99: 240 })], [200, stats({ p99: 280 })]), options: { rate: 50, peakRate: 200, meanUnder: '100ms', p99Under: '250ms', peakP99Under: '300ms' }, status: 'pass', codes: [] },
  { name: 'a secret variable not set', evidence: { configured: false, missing: ['EDGE_AUTHORIZATION'] }, status: 'skipped', codes: [] },
];

describe('latency/decision', () => {
  it.each(cases)('$name', (c) => {
    const { got, want, summary } = compare(decisionRule, c);
    expect(got, summary).toEqual(want);
  });

  it('asks for two runs, average then peak, with the request as configured and budgets left out', () => {
    const options = decisionRule.options.parse({ rate: 5, peakRate: 25, duration: '1m', warmup: '500ms', timeout: '1.5s', body: { friendlyId: 'home_hero' }, secretHeaders: { authorization: 'EDGE_AUTHORIZATION' }, p99Under: '1s' });
    expect(decisionRule.probeInput({ url: 'https://edge.example.com/v1/personalize' }, options)).toEqual({
      url: 'https://edge.example.com/v1/personalize', method: 'POST', headers: {}, secretHeaders: { authorization: 'EDGE_AUTHORIZATION' }, rates: [5, 25],
      durationMs: 60_000, warmupMs: 500, connections: 50, timeoutMs: 1500, expectStatus: '2xx', body: '{"friendlyId":"home_hero"}',
    });
    const other = decisionRule.options.parse({ rate: 5, peakRate: 25, duration: '1m', warmup: '500ms', timeout: '1.5s', body: { friendlyId: 'home_hero' }, secretHeaders: { authorization: 'EDGE_AUTHORIZATION' }, p99Under: '2s', meanUnder: '1s' });
    expect(decisionRule.probeInput({ url: 'https://edge.example.com/v1/personalize' }, other)).toEqual(decisionRule.probeInput({ url: 'https://edge.example.com/v1/personalize' }, options));
  });

  it('refuses durations without a unit, empty runs, runs longer than 5 minutes and shares above 100%', () => {
    expect(decisionRule.options.safeParse({ warmup: '0s' }).success).toBe(true);
    for (const bad of [{ duration: '30' }, { duration: '10m' }, { duration: '0s' }, { timeout: '0ms' }, { p99Under: 300 }, { maxErrorRate: '120%' }, { maxErrorRate: 2 }, { rate: 0 }]) {
      expect(decisionRule.options.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('says the numbers in its summary', () => {
    const v = decisionRule.judge(evidence([10, stats({ mean: 23.4, p99: 48.2 })], [30, stats({ p99: 70 })]), decisionRule.options.parse({}), { now: new Date(0), goLive: new Date(0) });
    expect(v.summary).toBe('Decisions are fast enough at average and peak load: mean 23.4 ms, p99 48.2 ms, errors 0% at 10 req/s; mean 20.0 ms, p99 70.0 ms, errors 0% at 30 req/s');
  });
});
