import { describe, expect, it } from 'vitest';
import { certExpiryRule } from './cert-expiry.rule.js';
import { hintsOf, CTX, GO_LIVE, handshake, intermediate, judge, leaf, outcome, root, type RuleCase } from './test-helpers.js';

// NOW = 2026-06-01T12:00Z, GO_LIVE = 2026-06-15T08:00Z.
const leafTo = (validTo: string, validFrom = '2026-03-01T00:00:00.000Z') => handshake({ chain: [leaf({ validTo, validFrom }), intermediate(), root()] });
const plusDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000).toISOString();

const valid: RuleCase[] = [
  { name: 'valid for most of a year', evidence: handshake(), status: 'pass', codes: [] },
  { name: 'exactly the minimum, no warning band', evidence: leafTo(plusDays(GO_LIVE, 30)), with: { warnDaysAfterGoLive: 30 }, status: 'pass', codes: [] },
  { name: 'a soon-expiring trusted root is the trust store\'s business', evidence: handshake({ chain: [leaf(), intermediate(), root({ validTo: '2026-06-20T00:00:00.000Z' })] }), status: 'pass', codes: [] },
  { name: 'minimum 0: valid through go-live', evidence: leafTo(plusDays(GO_LIVE, 1)), with: { minDaysAfterGoLive: 0, warnDaysAfterGoLive: 0 }, status: 'pass', codes: [] },
];

const invalid: RuleCase[] = [
  { name: '15 days after go-live', evidence: leafTo('2026-07-01T00:00:00.000Z'), status: 'fail', codes: ['expires-soon-after-go-live'] },
  { name: '39 days: in the warning band', evidence: leafTo('2026-07-25T00:00:00.000Z'), status: 'warn', codes: ['expires-within-warning'] },
  { name: 'a larger minimum', evidence: handshake(), with: { minDaysAfterGoLive: 365 }, status: 'fail', codes: ['expires-soon-after-go-live'] },
  { name: 'expired now', evidence: leafTo('2026-05-01T00:00:00.000Z'), status: 'fail', codes: ['cert-expired'] },
  { name: 'not yet valid now', evidence: leafTo('2027-06-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z'), status: 'fail', codes: ['cert-not-yet-valid'] },
  { name: 'the intermediate expires first', evidence: handshake({ chain: [leaf(), intermediate({ validTo: '2026-07-01T00:00:00.000Z' }), root()] }), status: 'fail', codes: ['expires-soon-after-go-live'] },
  { name: 'go-live passed: counts from now', evidence: leafTo('2026-06-20T00:00:00.000Z'), ctx: { now: CTX.now, goLive: new Date('2026-05-01T00:00:00Z') }, status: 'fail', codes: ['expires-soon-after-go-live'] },
  { name: 'no certificate', evidence: handshake({ chain: [] }), status: 'fail', codes: ['no-certificate'] },
];

describe('tls/cert-expiry', () => {
  it.each([...valid, ...invalid])('$name -> $status $codes', (c) => {
    const v = judge(certExpiryRule, c.evidence, c.with, c.ctx);
    expect(outcome(v)).toEqual({ status: c.status, codes: c.codes });
    for (const h of hintsOf(v)) expect(h).toEqual({ code: h.code, ok: true });
  });

  it('states the expiry date and the days after go-live', () => {
    expect(judge(certExpiryRule, handshake()).summary).toBe('Certificate valid long enough after go-live: the leaf shop.example.com expires on 2027-03-01, 258 days after go-live');
    expect(judge(certExpiryRule, leafTo('2026-07-01T00:00:00.000Z')).summary).toContain('expires on 2026-07-01, 15 days after go-live (needs 30)');
    const intermediateFirst = judge(certExpiryRule, handshake({ chain: [leaf(), intermediate({ validTo: '2026-07-01T00:00:00.000Z' }), root()] }));
    expect(intermediateFirst.summary).toContain('intermediate Example Issuing CA');
  });

  it('says when go-live has passed', () => {
    const v = judge(certExpiryRule, handshake(), {}, { now: CTX.now, goLive: new Date('2026-05-01T00:00:00Z') });
    expect(v.summary).toContain('days from now (go-live has passed)');
  });

  it('validates options', () => {
    expect(certExpiryRule.options.parse({})).toEqual({ minDaysAfterGoLive: 30, warnDaysAfterGoLive: 45 });
    expect(() => certExpiryRule.options.parse({ minDaysAfterGoLive: -1 })).toThrow();
    expect(() => certExpiryRule.options.parse({ minDays: 30 })).toThrow();
  });
});
