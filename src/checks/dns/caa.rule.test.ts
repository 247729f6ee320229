import { describe, expect, it } from 'vitest';
import { climb, rule } from './caa.rule.js';
import type { LookupEvidence } from './lookup.probe.js';
import type { DnsRecord } from './evidence.js';
import { ans, nx, rec, runCases, type RuleCase } from './test-helpers.js';

const N = 'shop.example.com';
const caa = (name: string, ...values: string[]): DnsRecord[] => values.map((v) => rec(name, 'CAA', v));
/** Evidence for shop.example.com, example.com, com with the given CAA records at each. */
const ev = (shop: DnsRecord[] | 'nx', apex: DnsRecord[] = [], tld: DnsRecord[] = []): LookupEvidence => ({
  resolvers: ['192.0.2.53:53'],
  answers: [shop === 'nx' ? nx(N, 'CAA') : ans(N, 'CAA', shop), ans('example.com', 'CAA', apex), ans('com', 'CAA', tld)],
});
const LE = '0 issue "letsencrypt.org"';

const valid: RuleCase<LookupEvidence>[] = [
  { name: 'the apex allows the CA (tree climbing)', evidence: ev([], caa('example.com', LE)), options: { ca: 'letsencrypt.org' }, status: 'pass', codes: ['caa-records'] },
  { name: 'the closest CAA set wins', evidence: ev(caa(N, '0 issue "pki.goog"'), caa('example.com', '0 issue ";"')), options: { ca: ['pki.goog'] }, status: 'pass' },
  { name: 'parameters after the issuer are ignored', evidence: ev(caa(N, '0 issue "letsencrypt.org; accounturi=https://acme-v02.api.letsencrypt.org/acme/acct/1"')), options: { ca: 'LetsEncrypt.org' }, status: 'pass' },
  { name: 'no CAA anywhere: any CA may issue', evidence: ev([]), options: { ca: 'letsencrypt.org' }, status: 'pass', codes: ['caa-none'] },
  { name: 'the name does not exist yet: climb on', evidence: ev('nx', caa('example.com', LE)), options: { ca: 'letsencrypt.org' }, status: 'pass' },
  { name: 'wildcard uses issuewild', evidence: ev([], caa('example.com', '0 issue ";"', '0 issuewild "sectigo.com"')), options: { ca: 'sectigo.com', wildcard: true }, status: 'pass' },
  { name: 'wildcard falls back to issue', evidence: ev([], caa('example.com', LE)), options: { ca: 'letsencrypt.org', wildcard: true }, status: 'pass' },
  { name: 'only issuewild: normal certificates unrestricted', evidence: ev([], caa('example.com', '0 issuewild ";"')), options: { ca: 'digicert.com' }, status: 'pass', codes: ['caa-no-issue-restriction'] },
  { name: 'critical iodef is a known tag', evidence: ev(caa(N, LE, '128 iodef "mailto:sec@example.com"')), options: { ca: 'letsencrypt.org' }, status: 'pass' },
  { name: 'no CA given: report only', evidence: ev(caa(N, LE)), status: 'pass', codes: ['caa-records'] },
];

const invalid: RuleCase<LookupEvidence>[] = [
  { name: 'another CA only', evidence: ev([], caa('example.com', '0 issue "digicert.com"')), options: { ca: 'letsencrypt.org' }, status: 'fail', codes: ['caa-ca-not-allowed'] },
  { name: 'one of two CAs missing', evidence: ev(caa(N, LE)), options: { ca: ['letsencrypt.org', 'pki.goog'] }, status: 'fail', codes: ['caa-ca-not-allowed'] },
  { name: 'issue ";" forbids everyone', evidence: ev(caa(N, '0 issue ";"')), status: 'fail', codes: ['caa-forbids-all'] },
  { name: 'wildcard blocked by issuewild', evidence: ev([], caa('example.com', LE, '0 issuewild "digicert.com"')), options: { ca: 'letsencrypt.org', wildcard: true }, status: 'fail', codes: ['caa-ca-not-allowed'] },
  { name: 'critical unknown tag', evidence: ev(caa(N, LE, '128 tbs "x"')), options: { ca: 'letsencrypt.org' }, status: 'fail', codes: ['caa-critical-unknown'] },
  { name: 'no CAA with requireCaa', evidence: ev([]), options: { requireCaa: true }, status: 'warn', codes: ['caa-missing'] },
];

describe('dns/caa', () => {
  describe('valid', () => runCases(rule, valid));
  describe('invalid', () => runCases(rule, invalid));

  it('climbs from the name to the top-level domain', () => {
    expect(climb('Shop.Example.com.')).toEqual(['shop.example.com', 'example.com', 'com']);
    expect(climb('*.example.com')).toEqual(['example.com', 'com']);
    expect(rule.probeInput({ domain: N }, rule.options.parse({}))).toEqual({ names: [N, 'example.com', 'com'], types: ['CAA'] });
  });
});
