import { describe, expect, it } from 'vitest';
import { challengeName, rule } from './acme-challenge.rule.js';
import type { LookupEvidence } from './lookup.probe.js';
import { ans, nx, rec, runCases, type RuleCase } from './test-helpers.js';

const C = '_acme-challenge.shop.example.com';
const V = 'shop.example.com.acme.cdn.example.net';
const ev = (...answers: LookupEvidence['answers']): LookupEvidence => ({ resolvers: ['192.0.2.53:53'], answers });
const cname = ans(C, 'CNAME', [rec(C, 'CNAME', V)]);
const txtVia = (rcode = 'NOERROR', txt: string[] = []) => ans(C, 'TXT', [rec(C, 'CNAME', V), ...txt.map((t) => rec(V, 'TXT', t, 60))], { rcode });

const valid: RuleCase<LookupEvidence>[] = [
  { name: 'TXT records present', evidence: ev(ans(C, 'CNAME'), ans(C, 'TXT', [rec(C, 'TXT', 'tok-1', 60)])), status: 'pass', codes: ['acme-txt'] },
  { name: 'CNAME delegation, validation zone empty (NXDOMAIN)', evidence: ev(cname, txtVia('NXDOMAIN')), status: 'pass', codes: ['acme-cname', 'acme-validation-empty'] },
  { name: 'CNAME delegation inside the expected suffix', evidence: ev(cname, txtVia('NOERROR', ['tok-2'])), options: { cnameTarget: 'acme.cdn.example.net.' }, status: 'pass', codes: ['acme-validation-txt'] },
];

const invalid: RuleCase<LookupEvidence>[] = [
  { name: 'nothing there (NXDOMAIN is the finding, not an error)', evidence: ev(nx(C, 'CNAME'), nx(C, 'TXT')), status: 'fail', codes: ['acme-challenge-missing'] },
  { name: 'nothing there with a required CNAME', evidence: ev(ans(C, 'CNAME'), ans(C, 'TXT')), options: { cnameTarget: 'acme.cdn.example.net' }, status: 'fail', codes: ['acme-challenge-missing'] },
  { name: 'stale TXT where the CNAME should be', evidence: ev(ans(C, 'CNAME'), ans(C, 'TXT', [rec(C, 'TXT', 'old-token')])), options: { cnameTarget: 'acme.cdn.example.net' }, status: 'fail', codes: ['acme-txt-instead-of-cname'] },
  { name: 'stale TXT beside the CNAME', evidence: ev(cname, ans(C, 'TXT', [rec(C, 'TXT', 'old-token')])), status: 'fail', codes: ['acme-cname-conflict'] },
  { name: 'CNAME to the wrong validation zone', evidence: ev(ans(C, 'CNAME', [rec(C, 'CNAME', 'x.auth.acme-dns.io')]), txtVia()), options: { cnameTarget: 'acme.cdn.example.net' }, status: 'fail', codes: ['acme-cname-wrong-target'] },
];

describe('dns/acme-challenge', () => {
  describe('valid', () => runCases(rule, valid));
  describe('invalid', () => runCases(rule, invalid));

  it('asks for the challenge name (wildcards use the base name)', () => {
    expect(challengeName('*.Example.com')).toBe('_acme-challenge.example.com');
    expect(rule.probeInput({ domain: 'shop.example.com' }, rule.options.parse({}))).toEqual({ names: [C], types: ['CNAME', 'TXT'] });
  });
});
