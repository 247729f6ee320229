import { describe, expect, it } from 'vitest';
import { rule } from './propagation.rule.js';
import type { PropagationEvidence, PropagationResult } from './propagation.probe.js';
import { ans, nx, rec, runCases, type RuleCase } from './test-helpers.js';

const N = 'shop.example.com';
const at = (resolver: string, addrs: string[], ttl = 300): PropagationResult => ({ resolver, answer: ans(N, 'A', addrs.map((x) => rec(N, 'A', x, ttl))) });
const ev = (...results: PropagationResult[]): PropagationEvidence => ({ name: N, type: 'A', results });
const NEW = '192.0.2.10';
const OLD = '198.51.100.5';

const valid: RuleCase<PropagationEvidence>[] = [
  { name: 'all resolvers agree', evidence: ev(at('1.1.1.1:53', [NEW]), at('8.8.8.8:53', [NEW], 120)), status: 'pass', codes: ['resolver-answer'] },
  { name: 'all resolvers have the expected value, order ignored', evidence: ev(at('1.1.1.1:53', [NEW, '192.0.2.11']), at('8.8.8.8:53', ['192.0.2.11', NEW])), options: { expected: ['192.0.2.11', NEW] }, status: 'pass' },
  { name: 'all agree on NXDOMAIN', evidence: ev({ resolver: '1.1.1.1:53', answer: nx(N, 'A', 300) }, { resolver: '8.8.8.8:53', answer: nx(N, 'A', 60) }), status: 'pass' },
];

const invalid: RuleCase<PropagationEvidence>[] = [
  { name: 'one resolver lags (warn by default)', evidence: ev(at('1.1.1.1:53', [NEW]), at('8.8.8.8:53', [OLD], 3400)), status: 'warn', codes: ['resolvers-disagree'] },
  { name: 'disagreement as failure', evidence: ev(at('1.1.1.1:53', [NEW]), at('8.8.8.8:53', [OLD])), options: { disagreement: 'fail' }, status: 'fail', codes: ['resolvers-disagree'] },
  { name: 'one resolver still has the old value', evidence: ev(at('1.1.1.1:53', [NEW]), at('8.8.8.8:53', [OLD], 3400)), options: { expected: [NEW] }, status: 'warn', codes: ['propagation-partial'] },
  { name: 'no resolver has the new value', evidence: ev(at('1.1.1.1:53', [OLD]), at('8.8.8.8:53', [OLD])), options: { expected: [NEW] }, status: 'fail', codes: ['not-propagated'] },
  { name: 'a resolver failed', evidence: ev(at('1.1.1.1:53', [NEW]), { resolver: '9.9.9.9:53', error: { code: 'DNS_TIMEOUT', message: 'no answer' } }), status: 'warn', codes: ['resolver-error'] },
];

describe('dns/propagation', () => {
  describe('valid', () => runCases(rule, valid));
  describe('invalid', () => runCases(rule, invalid));

  it('says how long a lagging cache may hold the old value', () => {
    const v = rule.judge(ev(at('1.1.1.1:53', [NEW]), at('8.8.8.8:53', [OLD], 3400)), rule.options.parse({ expected: [NEW] }), { now: new Date(0), goLive: new Date(0) });
    expect(v.findings.find((f) => f.code === 'propagation-partial')?.message).toContain('3400 s');
  });

  it('validates resolver addresses at load time', () => {
    expect(rule.options.safeParse({ resolvers: ['1.1.1.1', '127.0.0.1:5353', '2001:db8::53', '[2001:db8::53]:53'] }).success).toBe(true);
    expect(rule.options.safeParse({ resolvers: ['dns.google'] }).success).toBe(false);
  });

  it('passes its resolvers and type to the probe', () => {
    expect(rule.probeInput({ domain: N }, rule.options.parse({ type: 'AAAA', resolvers: ['1.1.1.1'] }))).toEqual({ name: N, type: 'AAAA', resolvers: ['1.1.1.1'] });
  });
});
