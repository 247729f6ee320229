import { describe, expect, it } from 'vitest';
import { compare, type RuleCase } from '../http/test-helpers.js';
import { endpointRule } from './endpoint.rule.js';
import type { LoadEvidence } from './evidence.js';
import { evidence, failing, stats } from './test-helpers.js';

const cases: RuleCase<LoadEvidence>[] = [
  { name: 'fast', evidence: evidence([10, stats()]), status: 'pass', codes: [] },
  { name: 'mean over budget', evidence: evidence([10, stats({ mean: 120, p99: 200 })]), status: 'fail', codes: ['mean-over-budget'] },
  { name: 'p99 over budget', evidence: evidence([10, stats({ p99: 350 })]), status: 'fail', codes: ['p99-over-budget'] },
  { name: 'both over budget', evidence: evidence([10, stats({ mean: 150, p99: 900 })]), status: 'fail', codes: ['mean-over-budget', 'p99-over-budget'] },
  { name: 'rate-limited with 429', evidence: evidence([10, stats(failing('status-unexpected', 0.3))]), status: 'fail', codes: ['error-rate-over-budget'] },
  { name: 'connections refused, some answered', evidence: evidence([10, stats(failing('connection-reset', 0.1))]), status: 'fail', codes: ['error-rate-over-budget'] },
  { name: 'errors within budget', evidence: evidence([10, stats(failing('status-5xx', 0.005))]), status: 'pass', codes: [] },
  { name: 'never answered', evidence: evidence([10, stats({ answered: 0, latency: null, ...failing('timeout', 1) })]), status: 'fail', codes: ['no-answers'] },
  { name: 'looser budgets', evidence: evidence([40, stats({ mean: 150, p99: 600 })]), options: { rate: 40, meanUnder: '200ms', p99Under: '1s' }, status: 'pass', codes: [] },
  { name: 'generator behind and slow', evidence: evidence([10, stats({ p99: 400, generatorBound: true })]), status: 'fail', codes: ['p99-over-budget', 'generator-behind'] },
  { name: 'a secret variable not set', evidence: { configured: false, missing: ['RECO_API_KEY'] }, status: 'skipped', codes: [] },
];

describe('latency/endpoint', () => {
  it.each(cases)('$name', (c) => {
    const { got, want, summary } = compare(endpointRule, c);
    expect(got, summary).toEqual(want);
  });

  it('asks for one run with GET by default', () => {
    const input = endpointRule.probeInput({ url: 'https://reco.example.com/v1/r' }, endpointRule.options.parse({ rate: 40 }));
    expect(input).toMatchObject({ method: 'GET', rates: [40], durationMs: 30_000, warmupMs: 2000, timeoutMs: 2000 });
    expect(input).not.toHaveProperty('body');
  });
});
