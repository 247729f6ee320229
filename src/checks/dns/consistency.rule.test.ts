import { describe, expect, it } from 'vitest';
import { rule } from './consistency.rule.js';
import type { AuthoritativeEvidence } from './authoritative.probe.js';
import { ans, authEvidence, rec, runCases, type RuleCase } from './test-helpers.js';

const Z = 'example.com';
const NS = ['ns1.dns.example.net', 'ns2.dns.example.net'];
const apexA = (ip: string) => [ans(Z, 'A', [rec(Z, 'A', ip)], { aa: true })];
const ev = (s1: object, s2: object): AuthoritativeEvidence => authEvidence(Z, { referralNs: NS, servers: [{ ns: NS[0]!, address: '192.0.2.1', ...s1 }, { ns: NS[1]!, address: '198.51.100.1', ...s2 }] });
const withA = { records: [{ name: '@', type: 'A' }] };

const valid: RuleCase<AuthoritativeEvidence>[] = [
  { name: 'same serial and NS', evidence: ev({ serial: 7 }, { serial: 7 }), status: 'pass', codes: ['serial'] },
  { name: 'same records asked for', evidence: ev({ extra: apexA('192.0.2.10') }, { extra: apexA('192.0.2.10') }), options: withA, status: 'pass' },
];

const invalid: RuleCase<AuthoritativeEvidence>[] = [
  { name: 'a secondary lags behind', evidence: ev({ serial: 2026010101 }, { serial: 2025123101 }), status: 'fail', codes: ['serial-mismatch'] },
  { name: 'different A records', evidence: ev({ extra: apexA('192.0.2.10') }, { extra: apexA('198.51.100.5') }), options: withA, status: 'fail', codes: ['answer-mismatch'] },
  { name: 'record on one server only', evidence: ev({ extra: apexA('192.0.2.10') }, { extra: [ans(Z, 'A', [], { aa: true })] }), options: withA, status: 'fail', codes: ['answer-mismatch'] },
  { name: 'different NS sets', evidence: ev({ nsSet: NS }, { nsSet: [NS[0]!] }), status: 'fail', codes: ['answer-mismatch'] },
  { name: 'a server could not be compared', evidence: ev({}, { dead: true }), status: 'warn', codes: ['server-not-compared'] },
  { name: 'a lame server is not compared', evidence: ev({}, { rcode: 'REFUSED', aa: false }), status: 'warn', codes: ['server-not-compared'], absent: ['answer-mismatch'] },
  { name: 'nothing to compare: error', evidence: ev({ dead: true }, { dead: true }), status: 'error', code: 'DNS_NOT_FOUND' },
];

describe('dns/consistency', () => {
  describe('valid', () => runCases(rule, valid));
  describe('invalid', () => runCases(rule, invalid));

  it('turns relative names into names in the zone', () => {
    const input = rule.probeInput({ domain: Z }, rule.options.parse({ records: [{ name: '@', type: 'A' }, { name: 'www', type: 'CNAME' }, { name: 'mail.example.com', type: 'MX' }] }));
    expect(input).toMatchObject({ name: Z, queries: [{ name: Z, type: 'A' }, { name: 'www.example.com', type: 'CNAME' }, { name: 'mail.example.com', type: 'MX' }] });
  });
});
