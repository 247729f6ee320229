import { describe, expect, it } from 'vitest';
import { rule } from './records.rule.js';
import type { LookupEvidence } from './lookup.probe.js';
import { ans, nx, rec, runCases, type RuleCase } from './test-helpers.js';

const N = 'shop.example.com';
const ev = (...answers: LookupEvidence['answers']): LookupEvidence => ({ resolvers: ['192.0.2.53:53'], answers });
const a = ans(N, 'A', [rec(N, 'A', '192.0.2.10', 120), rec(N, 'A', '192.0.2.11', 120)]);
const aaaa = ans(N, 'AAAA', [rec(N, 'AAAA', '2001:db8::10')]);
const txt = ans(N, 'TXT', [rec(N, 'TXT', 'v=spf1 include:_spf.example.net -all'), rec(N, 'TXT', 'google-site-verification=abc123')]);
const mx = ans(N, 'MX', [rec(N, 'MX', '10 mx1.example.net'), rec(N, 'MX', '20 mx2.example.net')]);
const caa = ans(N, 'CAA', [rec(N, 'CAA', '0 issue "letsencrypt.org"')]);
const alias = ans(N, 'CNAME', [rec(N, 'CNAME', 'shop.cdn.example.net')]);
const aliasA = ans(N, 'A', [rec(N, 'CNAME', 'shop.cdn.example.net'), rec('shop.cdn.example.net', 'A', '198.51.100.7', 20)]);

const valid: RuleCase<LookupEvidence>[] = [
  { name: 'A set equals the expected set, in any order', evidence: ev(a), options: { A: ['192.0.2.11', '192.0.2.10'] }, status: 'pass', codes: ['records'] },
  { name: 'AAAA compared in canonical form', evidence: ev(aaaa), options: { AAAA: ['2001:0DB8:0:0:0:0:0:10'] }, status: 'pass' },
  { name: 'TXT substrings in contains mode', evidence: ev(txt), options: { TXT: ['google-site-verification='], mode: 'contains' }, status: 'pass' },
  { name: 'TXT exact set', evidence: ev(txt), options: { TXT: ['google-site-verification=abc123', 'v=spf1 include:_spf.example.net -all'] }, status: 'pass' },
  { name: 'MX without priority matches any priority', evidence: ev(mx), options: { MX: ['mx1.example.net.', '20 MX2.example.net'] }, status: 'pass' },
  { name: 'CAA with and without quotes', evidence: ev(caa), options: { CAA: ['0 issue letsencrypt.org'] }, status: 'pass' },
  { name: 'CNAME target, trailing dot and case ignored', evidence: ev(alias), options: { CNAME: 'Shop.CDN.example.net.' }, status: 'pass' },
  { name: 'A through a CNAME chain', evidence: ev(aliasA), options: { A: ['198.51.100.7'] }, status: 'pass' },
  { name: 'no expectations: the name resolves', evidence: ev(a, ans(N, 'AAAA')), status: 'pass', codes: ['records'] },
  { name: 'contains mode allows extra addresses', evidence: ev(a), options: { A: ['192.0.2.10'], mode: 'contains' }, status: 'pass' },
];

const invalid: RuleCase<LookupEvidence>[] = [
  { name: 'an old address is still in the set', evidence: ev(a), options: { A: ['192.0.2.10'] }, status: 'fail', codes: ['value-unexpected'] },
  { name: 'the new address is missing', evidence: ev(a), options: { A: ['192.0.2.99'] }, status: 'fail', codes: ['value-missing', 'value-unexpected'] },
  { name: 'no AAAA record (NODATA)', evidence: ev(ans(N, 'AAAA')), options: { AAAA: ['2001:db8::10'] }, status: 'fail', codes: ['record-absent'] },
  { name: 'TXT token missing in contains mode', evidence: ev(txt), options: { TXT: ['MS=ms1234'], mode: 'contains' }, status: 'fail', codes: ['value-missing'] },
  { name: 'TXT exact set with a leftover record', evidence: ev(txt), options: { TXT: ['v=spf1 include:_spf.example.net -all'] }, status: 'fail', codes: ['value-unexpected'] },
  { name: 'MX priority differs', evidence: ev(mx), options: { MX: ['5 mx1.example.net', '20 mx2.example.net'] }, status: 'fail', codes: ['value-missing'] },
  { name: 'CNAME points elsewhere', evidence: ev(alias), options: { CNAME: 'old.hosting.example.org' }, status: 'fail', codes: ['value-missing'] },
  { name: 'CNAME expected but the name has A records', evidence: ev(ans(N, 'CNAME')), options: { CNAME: 'shop.cdn.example.net' }, status: 'fail', codes: ['record-absent'] },
  { name: 'dangling CNAME', evidence: ev(ans(N, 'A', [rec(N, 'CNAME', 'gone.example.org')], { rcode: 'NXDOMAIN' })), options: { A: ['192.0.2.10'] }, status: 'fail', codes: ['cname-dangling'] },
  { name: 'no expectations and no address', evidence: ev(ans(N, 'A'), ans(N, 'AAAA')), status: 'fail', codes: ['no-address'] },
  { name: 'NXDOMAIN is an error: the name must exist', evidence: ev(nx(N, 'A')), options: { A: ['192.0.2.10'] }, status: 'error', code: 'DNS_NOT_FOUND' },
];

describe('dns/records', () => {
  describe('valid', () => runCases(rule, valid));
  describe('invalid', () => runCases(rule, invalid));

  it('asks only for the types with expectations (or A and AAAA)', () => {
    expect(rule.probeInput({ domain: N }, rule.options.parse({ MX: ['mx.example.net'], A: ['192.0.2.1'] }))).toEqual({ names: [N], types: ['A', 'MX'] });
    expect(rule.probeInput({ domain: N }, rule.options.parse({}))).toEqual({ names: [N], types: ['A', 'AAAA'] });
  });

  it('shows actual values with TTLs', () => {
    const v = rule.judge(ev(a), rule.options.parse({ A: ['192.0.2.10', '192.0.2.11'] }), { now: new Date(), goLive: new Date() });
    expect(v.findings.find((f) => f.code === 'records')?.message).toContain('192.0.2.10 (TTL 120 s)');
  });

  it('rejects unknown options', () => {
    expect(rule.options.safeParse({ A: ['192.0.2.1'], B: 1 }).success).toBe(false);
  });
});
