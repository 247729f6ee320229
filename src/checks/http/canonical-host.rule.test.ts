import { describe, expect, it } from 'vitest';
import { canonicalHostRule } from './canonical-host.rule.js';
import type { FetchEvidence } from './evidence.js';
import { compare, fetched, hop, redirectHop, type RuleCase } from './test-helpers.js';

const HSTS = { 'strict-transport-security': 'max-age=31536000' };
const A = 'https://example.com/p?q=1';
const W = 'https://www.example.com/p?q=1';
const opts = { canonicalHost: 'www.example.com' };
const good = (status = 301) => fetched([redirectHop(A, W, status), hop(W, 200, { headers: HSTS })]);

const valid: RuleCase<FetchEvidence>[] = [
  { name: 'one 301 keeping path and query, HSTS on the final host', evidence: good(), options: opts, status: 'pass', codes: [] },
  { name: 'one 308', evidence: good(308), options: opts, status: 'pass', codes: [] },
  { name: 'final 404 is not this rule’s business', evidence: fetched([redirectHop(A, W), hop(W, 404, { headers: HSTS })]), options: opts, status: 'pass', codes: [] },
];

const invalid: RuleCase<FetchEvidence>[] = [
  { name: 'no redirect', evidence: fetched([hop(A, 200)]), options: opts, status: 'fail', codes: ['no-redirect'] },
  { name: '302', evidence: good(302), options: opts, status: 'warn', codes: ['temporary-redirect'] },
  { name: 'to another host', evidence: fetched([redirectHop(A, 'https://shop.example.com/p?q=1'), hop('https://shop.example.com/p?q=1', 200, { headers: HSTS })]), options: opts, status: 'fail', codes: ['wrong-host', 'ends-off-canonical'] },
  { name: 'path dropped', evidence: fetched([redirectHop(A, 'https://www.example.com/'), hop('https://www.example.com/', 200, { headers: HSTS })]), options: opts, status: 'fail', codes: ['path-not-kept'] },
  { name: 'query dropped', evidence: fetched([redirectHop(A, 'https://www.example.com/p'), hop('https://www.example.com/p', 200, { headers: HSTS })]), options: opts, status: 'fail', codes: ['query-not-kept'] },
  { name: 'to http://', evidence: fetched([redirectHop('http://example.com/p?q=1', 'http://www.example.com/p?q=1'), hop('http://www.example.com/p?q=1', 200)]), options: opts, status: 'fail', codes: ['not-https'] },
  { name: 'two hops', evidence: fetched([redirectHop('http://example.com/p?q=1', A), redirectHop(A, W), hop(W, 200, { headers: HSTS })]), options: opts, status: 'fail', codes: ['wrong-host', 'extra-hop'] },
  { name: 'three hops', evidence: fetched([redirectHop(A, W), redirectHop(W, 'https://www.example.com/p/?q=1'), redirectHop('https://www.example.com/p/?q=1', 'https://www.example.com/x'), hop('https://www.example.com/x', 200, { headers: HSTS })]), options: opts, status: 'fail', codes: ['too-many-hops'] },
  { name: 'no HSTS on the final host', evidence: fetched([redirectHop(A, W), hop(W, 200)]), options: opts, status: 'warn', codes: ['no-hsts'] },
  { name: 'no HSTS is fine when not required', evidence: fetched([redirectHop(A, W), hop(W, 200)]), options: { ...opts, requireHsts: false }, status: 'pass', codes: [] },
];

describe('http/canonical-host', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(canonicalHostRule, c);
    expect(got, summary).toEqual(want);
  });

  it('requests a test path and query when the target has none, and the target’s own otherwise', () => {
    const input = (text: string) => (canonicalHostRule.probeInput(canonicalHostRule.target.parse(canonicalHostRule.targetFromString(text)), canonicalHostRule.options.parse(opts)) as { url: string }).url;
    expect([input('example.com'), input('https://example.com/a?b=1')]).toEqual(['https://example.com/golive-canonical-check?from=golive', 'https://example.com/a?b=1']);
  });
});
