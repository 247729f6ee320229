import { describe, expect, it } from 'vitest';
import { rule } from './delegation.rule.js';
import type { AuthoritativeEvidence } from './authoritative.probe.js';
import { authEvidence, runCases, type RuleCase } from './test-helpers.js';

const Z = 'example.com';
const NS = ['ns1.dns.example.net', 'ns2.dns.example.net'];
const two = [{ ns: NS[0]!, address: '192.0.2.1' }, { ns: NS[1]!, address: '198.51.100.1' }];
const good = authEvidence(Z, { referralNs: NS, servers: two });
const inZone = ['ns1.example.com', 'ns2.example.com'];
const inZoneServers = [{ ns: inZone[0]!, address: '192.0.2.1' }, { ns: inZone[1]!, address: '198.51.100.1' }];
const withError = (ev: AuthoritativeEvidence): AuthoritativeEvidence => ({ ...ev, referrals: ev.referrals.map((r) => ({ ...r, ns: [], glue: [], error: { code: 'DNS_TIMEOUT', message: 'no answer from 192.0.2.1:53' } })) });

const valid: RuleCase<AuthoritativeEvidence>[] = [
  { name: 'two answering nameservers, same sets', evidence: good, status: 'pass', codes: ['nameservers'] },
  { name: 'in-zone nameservers with glue', evidence: authEvidence(Z, { referralNs: inZone, glue: { 'ns1.example.com': '192.0.2.1', 'ns2.example.com': '198.51.100.1' }, servers: inZoneServers }), status: 'pass' },
];

const invalid: RuleCase<AuthoritativeEvidence>[] = [
  { name: 'registrar still lists the old provider', evidence: authEvidence(Z, { referralNs: ['ns1.old.example.org', 'ns2.old.example.org'], servers: [{ ...two[0]!, nsSet: NS }, { ...two[1]!, nsSet: NS }] }), status: 'fail', codes: ['ns-set-mismatch'] },
  { name: 'lame server: zone not created at the provider (REFUSED)', evidence: authEvidence(Z, { referralNs: NS, servers: [two[0]!, { ...two[1]!, rcode: 'REFUSED', aa: false }] }), status: 'fail', codes: ['server-not-authoritative'] },
  { name: 'lame server: answers without AA', evidence: authEvidence(Z, { referralNs: NS, servers: [two[0]!, { ...two[1]!, aa: false }] }), status: 'fail', codes: ['server-not-authoritative'] },
  { name: 'a nameserver does not answer', evidence: authEvidence(Z, { referralNs: NS, servers: [two[0]!, { ...two[1]!, dead: true }] }), status: 'fail', codes: ['server-not-answering'] },
  { name: 'in-zone nameservers without glue', evidence: authEvidence(Z, { referralNs: inZone, servers: inZoneServers }), status: 'fail', codes: ['glue-missing'] },
  { name: 'a single nameserver', evidence: authEvidence(Z, { referralNs: [NS[0]!], servers: [two[0]!] }), status: 'warn', codes: ['too-few-ns'] },
  { name: 'two names on one address', evidence: authEvidence(Z, { referralNs: NS, servers: [two[0]!, { ...two[1]!, address: '192.0.2.1' }] }), status: 'warn', codes: ['ns-single-address'] },
  { name: 'not delegated (NXDOMAIN at the parent)', evidence: authEvidence(Z, { referralNs: [], referralRcode: 'NXDOMAIN', servers: [] }), status: 'fail', codes: ['not-delegated'] },
  { name: 'parent unreachable: error with its code', evidence: withError(good), status: 'error', code: 'DNS_TIMEOUT' },
  {
    name: 'a nameserver without address',
    evidence: { ...good, nameservers: [...good.nameservers, { name: 'ns3.dns.example.net', addresses: [], source: 'resolver', error: { code: 'DNS_NOT_FOUND', message: 'NXDOMAIN' } }] },
    status: 'fail',
    codes: ['ns-unresolvable'],
  },
];

describe('dns/delegation', () => {
  describe('valid', () => runCases(rule, valid));
  describe('invalid', () => runCases(rule, invalid));

  it('asks for the zone itself with the port', () => {
    expect(rule.probeInput({ domain: 'Example.com.' }, rule.options.parse({ port: 5300 }))).toEqual({ name: Z, findZone: false, queries: [], port: 5300, ipv6: false });
  });
});
