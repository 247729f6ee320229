import { describe, expect, it } from 'vitest';
import { rule } from './apex.rule.js';
import type { LookupEvidence } from './lookup.probe.js';
import type { DnsAnswer } from './evidence.js';
import { ans, nx, rec, runCases, type RuleCase } from './test-helpers.js';

const APEX = 'example.com';
const WWW = 'www.example.com';
const soa = ans(APEX, 'SOA', [rec(APEX, 'SOA', 'ns1.example.net hostmaster.example.com 1 3600 600 86400 300')]);
const apexA = ans(APEX, 'A', [rec(APEX, 'A', '192.0.2.10')]);
const apexAAAA = ans(APEX, 'AAAA', [rec(APEX, 'AAAA', '2001:db8::10')]);
const apexOk = [apexA, apexAAAA, ans(APEX, 'CNAME'), soa];
const ev = (...answers: DnsAnswer[]): LookupEvidence => ({ resolvers: ['192.0.2.53:53'], answers });
const wwwCname = (target: string, a: DnsAnswer['records'] = [rec(target, 'A', '192.0.2.10')], aaaa: DnsAnswer['records'] = [rec(target, 'AAAA', '2001:db8::10')]) => [
  ans(WWW, 'A', [rec(WWW, 'CNAME', target), ...a]),
  ans(WWW, 'AAAA', [rec(WWW, 'CNAME', target), ...aaaa]),
  ans(WWW, 'CNAME', [rec(WWW, 'CNAME', target)]),
  ans(WWW, 'SOA'),
];
const wwwAddrs = (v4: string[], v6: string[] = []) => [
  ans(WWW, 'A', v4.map((x) => rec(WWW, 'A', x))),
  ans(WWW, 'AAAA', v6.map((x) => rec(WWW, 'AAAA', x))),
  ans(WWW, 'CNAME'),
  ans(WWW, 'SOA'),
];
// What dns2 (and a resolver that does not chase) answers for an apex CNAME.
const apexCname = [
  ans(APEX, 'A', [rec(APEX, 'CNAME', 'shop.cdn.example.net')]),
  ans(APEX, 'AAAA', [rec(APEX, 'CNAME', 'shop.cdn.example.net')]),
  ans(APEX, 'CNAME', [rec(APEX, 'CNAME', 'shop.cdn.example.net')]),
  ans(APEX, 'SOA', [rec(APEX, 'SOA', 'ns1.example.net hostmaster.example.com 1 3600 600 86400 300')]),
];

const valid: RuleCase<LookupEvidence>[] = [
  { name: 'www is a CNAME to the apex', evidence: ev(...apexOk, ...wwwCname(APEX)), status: 'pass', codes: ['apex-addresses', 'www-setup'] },
  { name: 'www has the same addresses', evidence: ev(...apexOk, ...wwwAddrs(['192.0.2.10'], ['2001:db8::10'])), status: 'pass' },
  { name: 'www via a CDN that shares an address', evidence: ev(...apexOk, ...wwwCname('shop.cdn.example.net', [rec('shop.cdn.example.net', 'A', '192.0.2.10'), rec('shop.cdn.example.net', 'A', '192.0.2.99')])), status: 'pass' },
  { name: 'resolves mode: www elsewhere', evidence: ev(...apexOk, ...wwwAddrs(['198.51.100.1'], ['2001:db8::99'])), options: { wwwMode: 'resolves' }, status: 'pass' },
  { name: 'cname-to-apex mode satisfied', evidence: ev(...apexOk, ...wwwCname(APEX)), options: { wwwMode: 'cname-to-apex' }, status: 'pass' },
  { name: 'www not checked', evidence: ev(...apexOk), options: { checkWww: false }, status: 'pass', absent: ['www-setup'] },
  { name: 'a custom www label', evidence: ev(...apexOk, ...[ans('web.example.com', 'CNAME', [rec('web.example.com', 'CNAME', APEX)])]), options: { www: 'web' }, status: 'pass' },
];

const invalid: RuleCase<LookupEvidence>[] = [
  { name: 'apex CNAME fails with a clear finding', evidence: ev(...apexCname, ...wwwCname(APEX)), status: 'fail', codes: ['apex-cname'] },
  { name: 'apex without addresses', evidence: ev(ans(APEX, 'A'), ans(APEX, 'AAAA'), ans(APEX, 'CNAME'), soa, ...wwwCname(APEX)), status: 'fail', codes: ['apex-no-address'] },
  { name: 'www missing', evidence: ev(...apexOk, nx(WWW, 'A'), nx(WWW, 'AAAA'), nx(WWW, 'CNAME'), nx(WWW, 'SOA')), status: 'fail', codes: ['www-not-found'] },
  { name: 'www points somewhere else', evidence: ev(...apexOk, ...wwwAddrs(['198.51.100.1'], ['2001:db8::10:1'])), status: 'fail', codes: ['www-differs'] },
  { name: 'cname-to-apex mode: www has its own addresses', evidence: ev(...apexOk, ...wwwAddrs(['192.0.2.10'], ['2001:db8::10'])), options: { wwwMode: 'cname-to-apex' }, status: 'fail', codes: ['www-not-cname-to-apex'] },
  { name: 'IPv6 only on the apex', evidence: ev(...apexOk, ...wwwAddrs(['192.0.2.10'])), status: 'warn', codes: ['ipv6-differs'] },
  { name: 'not a zone apex', evidence: ev(apexA, apexAAAA, ans(APEX, 'CNAME'), ans(APEX, 'SOA'), ...wwwCname(APEX)), status: 'warn', codes: ['not-zone-apex'] },
  { name: 'apex does not exist: error', evidence: ev(nx(APEX, 'A'), nx(APEX, 'AAAA'), nx(APEX, 'CNAME'), nx(APEX, 'SOA')), options: { checkWww: false }, status: 'error', code: 'DNS_NOT_FOUND' },
];

describe('dns/apex', () => {
  describe('valid', () => runCases(rule, valid));
  describe('invalid', () => runCases(rule, invalid));

  it('asks for apex and www', () => {
    expect(rule.probeInput({ domain: 'Example.com.' }, rule.options.parse({}))).toEqual({ names: [APEX, WWW], types: ['A', 'AAAA', 'CNAME', 'SOA'] });
    expect(rule.probeInput({ domain: APEX }, rule.options.parse({ www: 'home.example.com' }))).toMatchObject({ names: [APEX, 'home.example.com'] });
  });

  it('names the RFC and the fix for an apex CNAME', () => {
    const v = rule.judge(ev(...apexCname, ...wwwCname(APEX)), rule.options.parse({}), { now: new Date(0), goLive: new Date(0) });
    const f = v.findings.find((x) => x.code === 'apex-cname')!;
    expect(f.message).toMatch(/RFC 1034/);
    expect(f.hint).toMatch(/ALIAS/);
  });
});
