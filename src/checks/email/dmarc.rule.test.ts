import { describe, expect, test } from 'vitest';
import type { DmarcDestination, DmarcEvidence } from './dmarc.probe.js';
import { dmarcRule } from './dmarc.rule.js';
import { parseTagList } from './tag-list.js';
import { judgeCase, type RuleCase } from './test-helpers.js';

const RUA = 'mailto:dmarc@example.com';
const own: DmarcDestination = { tag: 'rua', uri: RUA, domain: 'example.com', external: false, authorisation: null };
const vendor = (authorised: boolean): DmarcDestination => ({
  tag: 'rua',
  uri: 'mailto:x@reports.vendor.net',
  domain: 'reports.vendor.net',
  external: true,
  authorisation: { name: 'example.com._report._dmarc.reports.vendor.net', records: authorised ? ['v=DMARC1'] : [] },
});

/** Evidence for one record at _dmarc.example.com (or, with `org`, found at the organisational domain of mail.example.com). */
function ev(record: string, destinations: DmarcDestination[] = [own], org = false): DmarcEvidence {
  const { tags, duplicates } = parseTagList(record);
  return {
    domain: org ? 'mail.example.com' : 'example.com',
    orgDomain: 'example.com',
    records: org ? [] : [record],
    orgRecords: org ? [record] : [],
    policy: { source: org ? 'organisational' : 'domain', name: '_dmarc.example.com', record, tags, duplicateTags: duplicates },
    destinations,
  };
}
const none = (patch: Partial<DmarcEvidence> = {}): DmarcEvidence => ({ domain: 'example.com', orgDomain: 'example.com', records: [], orgRecords: [], policy: null, destinations: [], ...patch });

const valid: RuleCase<DmarcEvidence>[] = [
  { name: 'p=reject with rua', evidence: ev(`v=DMARC1; p=reject; rua=${RUA}`), status: 'pass', codes: [] },
  { name: 'p=quarantine meets minPolicy quarantine', evidence: ev(`v=DMARC1; p=quarantine; rua=${RUA}`), with: { minPolicy: 'quarantine' }, status: 'pass', codes: [] },
  { name: 'authorised external rua', evidence: ev('v=DMARC1; p=reject; rua=mailto:x@reports.vendor.net', [vendor(true)]), status: 'pass', codes: [] },
  { name: 'organisational record with sp=reject for a subdomain', evidence: ev(`v=DMARC1; p=reject; sp=reject; rua=${RUA}`, [own], true), with: { minPolicy: 'reject' }, status: 'pass', codes: [] },
  { name: 'pct=100 and strict alignment', evidence: ev(`v=DMARC1; p=reject; pct=100; adkim=s; aspf=s; rua=${RUA}`), status: 'pass', codes: [] },
];

const invalid: RuleCase<DmarcEvidence>[] = [
  { name: 'no record', evidence: none(), status: 'fail', codes: ['dmarc-missing'] },
  { name: 'two records at the domain', evidence: { ...ev('v=DMARC1; p=reject'), records: ['v=DMARC1; p=reject', 'v=DMARC1; p=none'] }, status: 'fail', codes: ['dmarc-multiple-records'] },
  { name: 'two records and mailauth fell back to nothing', evidence: none({ records: ['v=DMARC1; p=reject', 'v=DMARC1; p=none'] }), status: 'fail', codes: ['dmarc-multiple-records'] },
  { name: 'p=none warns', evidence: ev(`v=DMARC1; p=none; rua=${RUA}`), status: 'warn', codes: ['dmarc-policy-none'] },
  { name: 'p=none fails with minPolicy quarantine', evidence: ev(`v=DMARC1; p=none; rua=${RUA}`), with: { minPolicy: 'quarantine' }, status: 'fail', codes: ['dmarc-policy-too-weak'] },
  { name: 'p=quarantine fails with minPolicy reject', evidence: ev(`v=DMARC1; p=quarantine; rua=${RUA}`), with: { minPolicy: 'reject' }, status: 'fail', codes: ['dmarc-policy-too-weak'] },
  { name: 'subdomain gets the weaker sp=', evidence: ev(`v=DMARC1; p=reject; sp=none; rua=${RUA}`, [own], true), status: 'warn', codes: ['dmarc-policy-none', 'dmarc-subdomain-policy-weaker'] },
  { name: 'pct below 100', evidence: ev(`v=DMARC1; p=quarantine; pct=25; rua=${RUA}`), status: 'warn', codes: ['dmarc-pct-partial'] },
  { name: 'sp weaker than p', evidence: ev(`v=DMARC1; p=reject; sp=quarantine; rua=${RUA}`), status: 'warn', codes: ['dmarc-subdomain-policy-weaker'] },
  { name: 'no rua warns', evidence: ev('v=DMARC1; p=reject', []), status: 'warn', codes: ['dmarc-no-rua'] },
  { name: 'no rua fails when required', evidence: ev('v=DMARC1; p=reject', []), with: { requireRua: true }, status: 'fail', codes: ['dmarc-no-rua'] },
  { name: 'external rua not authorised', evidence: ev('v=DMARC1; p=reject; rua=mailto:x@reports.vendor.net', [vendor(false)]), status: 'warn', codes: ['dmarc-report-unauthorised'] },
  { name: 'external rua not authorised fails when required', evidence: ev('v=DMARC1; p=reject; rua=mailto:x@reports.vendor.net', [vendor(false)]), with: { requireReportAuthorisation: true }, status: 'fail', codes: ['dmarc-report-unauthorised'] },
  { name: 'malformed mailto', evidence: ev('v=DMARC1; p=reject; rua=mailto:nobody', [{ tag: 'rua', uri: 'mailto:nobody', domain: null, external: false, authorisation: null }]), status: 'warn', codes: ['dmarc-invalid-report-uri'] },
  { name: 'no p=', evidence: ev(`v=DMARC1; rua=${RUA}`), status: 'fail', codes: ['dmarc-no-policy'] },
  { name: 'invalid p=', evidence: ev(`v=DMARC1; p=block; rua=${RUA}`), status: 'fail', codes: ['dmarc-invalid-policy'] },
  { name: 'invalid sp=', evidence: ev(`v=DMARC1; p=reject; sp=maybe; rua=${RUA}`), status: 'fail', codes: ['dmarc-invalid-policy'] },
  { name: 'invalid pct=', evidence: ev(`v=DMARC1; p=reject; pct=150; rua=${RUA}`), status: 'fail', codes: ['dmarc-invalid-tag'] },
  { name: 'invalid adkim=', evidence: ev(`v=DMARC1; p=reject; adkim=x; rua=${RUA}`), status: 'fail', codes: ['dmarc-invalid-tag'] },
  { name: 'repeated tag', evidence: ev(`v=DMARC1; p=reject; p=none; rua=${RUA}`), status: 'fail', codes: ['dmarc-invalid-tag'] },
];

describe('email/dmarc rule', () => {
  test.each(valid)('valid: $name', (c) => {
    const r = judgeCase(dmarcRule, c);
    expect({ status: r.status, codes: r.codes }).toEqual({ status: c.status, codes: c.codes });
  });
  test.each(invalid)('invalid: $name', (c) => {
    const r = judgeCase(dmarcRule, c);
    expect({ status: r.status, codes: r.codes }).toEqual({ status: c.status, codes: c.codes });
    expect(r.hintless).toEqual([]);
  });
  test('the organisational fallback is noted and the summary names the policy in force', () => {
    const r = judgeCase(dmarcRule, valid[3]!);
    expect(r.verdict.findings.map((f) => [f.severity, f.code])).toEqual([['info', 'dmarc-org-fallback']]);
    expect(r.verdict.summary).toBe('DMARC policy published and enforced: sp=reject (_dmarc.example.com)');
  });
  test('options', () => {
    expect(dmarcRule.options.parse({})).toEqual({ minPolicy: 'none', requireRua: false, requireReportAuthorisation: false });
    expect(dmarcRule.options.safeParse({ minPolicy: 'block' }).success).toBe(false);
    expect(dmarcRule.probeInput({ domain: 'Example.COM.' }, dmarcRule.options.parse({ minPolicy: 'reject' }))).toEqual({ domain: 'example.com' });
  });
});
