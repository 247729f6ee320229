import { describe, expect, test } from 'vitest';
import type { MxEvidence, MxHost } from './mx.probe.js';
import { mxRule } from './mx.rule.js';
import { judgeCase, type RuleCase } from './test-helpers.js';

const host = (exchange: string, priority = 10, patch: Partial<MxHost> = {}): MxHost => ({ exchange, priority, ipLiteral: false, cname: null, addresses: ['192.0.2.25'], ...patch });
const ev = (...hosts: MxHost[]): MxEvidence => ({ domain: 'example.com', status: hosts.length > 0 ? 'ok' : 'nodata', hosts, truncated: false });
const two = ev(host('mx1.provider.example'), host('mx2.provider.example', 20));
const nullMx = host('', 0, { addresses: [] });

const valid: RuleCase<MxEvidence>[] = [
  { name: 'two resolvable hosts', evidence: two, status: 'pass', codes: [] },
  { name: 'expected provider (suffix match)', evidence: two, with: { expect: ['provider.example.'] }, status: 'pass', codes: [] },
  { name: 'exact expected name', evidence: ev(host('smtp.google.com')), with: { expect: ['smtp.google.com'], minHosts: 1 }, status: 'pass', codes: [] },
  { name: 'null MX accepted for a parked domain', evidence: ev(nullMx), with: { acceptNullMx: true }, status: 'pass', codes: [] },
];

const invalid: RuleCase<MxEvidence>[] = [
  { name: 'no MX', evidence: ev(), status: 'fail', codes: ['mx-missing'] },
  { name: 'domain does not exist', evidence: { ...ev(), status: 'nxdomain' }, status: 'fail', codes: ['mx-missing'] },
  { name: 'null MX by default', evidence: ev(nullMx), status: 'fail', codes: ['mx-null'] },
  { name: 'null MX beside another', evidence: ev(nullMx, host('mx1.provider.example')), with: { acceptNullMx: true }, status: 'fail', codes: ['mx-null-mixed'] },
  { name: 'single MX', evidence: ev(host('mx1.provider.example')), status: 'warn', codes: ['mx-single'] },
  { name: 'IP literal', evidence: ev(host('192.0.2.25', 10, { ipLiteral: true, addresses: [] }), host('mx2.provider.example', 20)), status: 'fail', codes: ['mx-target-ip'] },
  { name: 'CNAME target (even if it resolves)', evidence: ev(host('mail.example.com', 10, { cname: 'mx1.provider.example' }), host('mx2.provider.example', 20)), status: 'fail', codes: ['mx-target-cname'] },
  { name: 'unresolvable target', evidence: ev(host('mx1.provider.example', 10, { addresses: [] }), host('mx2.provider.example', 20)), status: 'fail', codes: ['mx-target-unresolvable'] },
  { name: 'host outside the expected provider', evidence: ev(host('mx1.provider.example'), host('mx.old-host.example', 20)), with: { expect: ['provider.example'] }, status: 'fail', codes: ['mx-unexpected-host'] },
  { name: 'suffix must match whole labels', evidence: ev(host('mx1.notprovider.example'), host('mx2.provider.example', 20)), with: { expect: ['provider.example'] }, status: 'fail', codes: ['mx-unexpected-host'] },
  { name: 'truncated list', evidence: { ...two, truncated: true }, status: 'warn', codes: ['mx-truncated'] },
];

describe('email/mx rule', () => {
  test.each(valid)('valid: $name', (c) => {
    const r = judgeCase(mxRule, c);
    expect({ status: r.status, codes: r.codes }).toEqual({ status: c.status, codes: c.codes });
  });
  test.each(invalid)('invalid: $name', (c) => {
    const r = judgeCase(mxRule, c);
    expect({ status: r.status, codes: r.codes }).toEqual({ status: c.status, codes: c.codes });
    expect(r.hintless).toEqual([]);
  });
  test('options', () => {
    expect(mxRule.options.parse({})).toEqual({ acceptNullMx: false, minHosts: 2, expect: [] });
    expect(mxRule.options.safeParse({ minHosts: 0 }).success).toBe(false);
    expect(mxRule.options.safeParse({ expect: ['not a host'] }).success).toBe(false);
  });
});
