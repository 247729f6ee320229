import { describe, expect, it } from 'vitest';
import { rule } from './ttl-before-cutover.rule.js';
import type { AuthoritativeEvidence } from './authoritative.probe.js';
import { ans, authEvidence, rec, ruleCtx, runCases, type RuleCase } from './test-helpers.js';

const Z = 'example.com';
const N = 'shop.example.com';
const NS = ['ns1.dns.example.net', 'ns2.dns.example.net'];
const ev = (...perServer: AuthoritativeEvidence['servers'][number]['answers'][]): AuthoritativeEvidence =>
  authEvidence(Z, { name: N, referralNs: NS, servers: perServer.map((extra, i) => ({ ns: NS[i]!, address: `192.0.2.${i + 1}`, extra })) });
const a = (ttl: number) => [ans(N, 'A', [rec(N, 'A', '192.0.2.10', ttl)], { aa: true }), ans(N, 'AAAA', [], { aa: true, negativeTtl: 3600 })];
const cname = (ttl: number) => [ans(N, 'A', [rec(N, 'CNAME', 'shop.cdn.example.net', ttl)], { aa: true })];
const missing = [ans(N, 'A', [], { aa: true, rcode: 'NXDOMAIN', negativeTtl: 3600 }), ans(N, 'AAAA', [], { aa: true, rcode: 'NXDOMAIN', negativeTtl: 3600 })];
// Go-live 2030-01-20 09:00 UTC; with daysBefore 2 the window opens 2030-01-18 09:00 UTC.
const before = ruleCtx('2030-01-10T12:00:00Z');
const inside = ruleCtx('2030-01-19T12:00:00Z');
const after = ruleCtx('2030-01-21T12:00:00Z');

const valid: RuleCase<AuthoritativeEvidence>[] = [
  { name: 'low TTL inside the window', evidence: ev(a(300), a(300)), ctx: inside, status: 'pass', codes: ['authoritative-ttl'] },
  { name: 'high TTL before the window: pass with the deadline', evidence: ev(a(86400), a(86400)), ctx: before, status: 'pass', codes: ['ttl-deadline'] },
  { name: 'CNAME with a low TTL', evidence: ev(cname(60)), ctx: inside, status: 'pass' },
  { name: 'after go-live the TTL may be high again', evidence: ev(a(86400)), ctx: after, status: 'pass', codes: ['after-go-live'] },
  { name: 'custom maxTtl', evidence: ev(a(600)), options: { maxTtl: 900 }, ctx: inside, status: 'pass' },
];

const invalid: RuleCase<AuthoritativeEvidence>[] = [
  { name: 'high TTL inside the window', evidence: ev(a(3600), a(3600)), ctx: inside, status: 'fail', codes: ['ttl-too-high'] },
  { name: 'one server with a higher TTL counts', evidence: ev(a(300), a(7200)), ctx: inside, status: 'fail', codes: ['ttl-too-high'] },
  { name: 'wider window', evidence: ev(a(3600)), options: { daysBefore: 14 }, ctx: before, status: 'fail', codes: ['ttl-too-high'] },
  { name: 'new name with a long negative TTL', evidence: ev(missing), ctx: inside, status: 'fail', codes: ['negative-ttl-too-high'] },
  { name: 'no server answered for the name', evidence: authEvidence(Z, { name: N, referralNs: NS, servers: [{ ns: NS[0]!, address: '192.0.2.1', dead: true }] }), ctx: inside, status: 'error', code: 'DNS_NO_DATA' },
];

describe('dns/ttl-before-cutover', () => {
  describe('valid', () => runCases(rule, valid));
  describe('invalid', () => runCases(rule, invalid));

  it('names the deadline before the window opens', () => {
    const v = rule.judge(ev(a(86400)), rule.options.parse({}), before);
    expect(v.findings.find((f) => f.code === 'ttl-deadline')?.message).toContain('2030-01-18 09:00 UTC');
  });

  it('finds the zone of the name and asks for the changing types', () => {
    expect(rule.probeInput({ domain: N }, rule.options.parse({ types: ['A', 'MX'] }))).toEqual({ name: N, findZone: true, queries: [{ name: N, type: 'A' }, { name: N, type: 'MX' }], port: 53, ipv6: false });
  });
});
