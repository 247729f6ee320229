import { describe, expect, test } from 'vitest';
import type { DkimEvidence, DkimSelectorEvidence } from './dkim.probe.js';
import { dkimRule } from './dkim.rule.js';
import { judgeCase, type RuleCase } from './test-helpers.js';

const sel = (selector: string, patch: Partial<DkimSelectorEvidence> = {}): DkimSelectorEvidence => ({
  selector,
  name: `${selector}._domainkey.example.com`,
  cnames: [],
  status: 'found',
  records: ['v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG…(392 chars)'],
  tags: { v: 'DKIM1', k: 'rsa', p: 'MIIBIjANBgkqhkiG…(392 chars)' },
  duplicateTags: [],
  key: { type: 'rsa', bits: 2048 },
  keyError: null,
  revoked: false,
  ...patch,
});
const ev = (...selectors: DkimSelectorEvidence[]): DkimEvidence => ({ domain: 'example.com', selectors });
const missing = { status: 'nxdomain' as const, records: [], tags: null, key: null };
const provider = { cnames: ['s1.domainkey.u1.wl.sendgrid.net'] };

const valid: RuleCase<DkimEvidence>[] = [
  { name: 'one 2048-bit RSA key', evidence: ev(sel('google')), with: { selectors: ['google'] }, status: 'pass', codes: [] },
  { name: 'Ed25519 key', evidence: ev(sel('ed', { tags: { v: 'DKIM1', k: 'ed25519', p: 'x' }, key: { type: 'ed25519', bits: 256 } })), with: { selectors: ['ed'] }, status: 'pass', codes: [] },
  { name: 'CNAME to the provider', evidence: ev(sel('s1', provider)), with: { selectors: ['s1'], cnameSuffix: 'sendgrid.net' }, status: 'pass', codes: [] },
  { name: '1024-bit key accepted by option', evidence: ev(sel('old', { key: { type: 'rsa', bits: 1024 } })), with: { selectors: ['old'], minRsaBits: 1024 }, status: 'pass', codes: [] },
  { name: 'h=sha256 allowed', evidence: ev(sel('s', { tags: { h: 'sha1:sha256', p: 'x' } })), with: { selectors: ['s'] }, status: 'pass', codes: [] },
];

const invalid: RuleCase<DkimEvidence>[] = [
  { name: 'no key', evidence: ev(sel('google', missing)), with: { selectors: ['google'] }, status: 'fail', codes: ['dkim-missing'] },
  { name: 'CNAME to the provider without a key', evidence: ev(sel('s1', { ...provider, ...missing })), with: { selectors: ['s1'], cnameSuffix: 'sendgrid.net' }, status: 'fail', codes: ['dkim-missing'] },
  { name: 'CNAME to another provider', evidence: ev(sel('s1', provider)), with: { selectors: ['s1'], cnameSuffix: 'amazonses.com' }, status: 'fail', codes: ['dkim-cname-mismatch'] },
  { name: 'key published directly where a CNAME is expected', evidence: ev(sel('s1')), with: { selectors: ['s1'], cnameSuffix: 'sendgrid.net' }, status: 'warn', codes: ['dkim-not-delegated'] },
  { name: 'two key records', evidence: ev(sel('s', { records: ['v=DKIM1; p=a', 'v=DKIM1; p=b'] })), with: { selectors: ['s'] }, status: 'fail', codes: ['dkim-multiple-records'] },
  { name: 'wrong version', evidence: ev(sel('s', { tags: { v: 'DKIM2', p: 'x' } })), with: { selectors: ['s'] }, status: 'fail', codes: ['dkim-invalid-record'] },
  { name: 'duplicate tag', evidence: ev(sel('s', { duplicateTags: ['p'] })), with: { selectors: ['s'] }, status: 'fail', codes: ['dkim-invalid-record'] },
  { name: 'revoked', evidence: ev(sel('s', { tags: { v: 'DKIM1', p: '' }, key: null, revoked: true })), with: { selectors: ['s'] }, status: 'fail', codes: ['dkim-revoked'] },
  { name: 'unparsable key', evidence: ev(sel('s', { key: null, keyError: 'the public key does not parse' })), with: { selectors: ['s'] }, status: 'fail', codes: ['dkim-invalid-key'] },
  { name: 'no p= tag', evidence: ev(sel('s', { tags: { v: 'DKIM1' }, key: null, keyError: 'the record has no p= tag' })), with: { selectors: ['s'] }, status: 'fail', codes: ['dkim-invalid-key'] },
  { name: 'k= does not match the key', evidence: ev(sel('s', { tags: { k: 'ed25519', p: 'x' } })), with: { selectors: ['s'] }, status: 'fail', codes: ['dkim-invalid-key'] },
  { name: '512-bit RSA', evidence: ev(sel('s', { key: { type: 'rsa', bits: 512 } })), with: { selectors: ['s'] }, status: 'fail', codes: ['dkim-key-too-short'] },
  { name: '1024-bit RSA warns', evidence: ev(sel('s', { key: { type: 'rsa', bits: 1024 } })), with: { selectors: ['s'] }, status: 'warn', codes: ['dkim-key-short'] },
  { name: '1024-bit RSA fails by option', evidence: ev(sel('s', { key: { type: 'rsa', bits: 1024 } })), with: { selectors: ['s'], failRsaBits: 2048 }, status: 'fail', codes: ['dkim-key-too-short'] },
  { name: 'test mode', evidence: ev(sel('s', { tags: { t: 'y:s', p: 'x' } })), with: { selectors: ['s'] }, status: 'warn', codes: ['dkim-testing'] },
  { name: 'sha1 only', evidence: ev(sel('s', { tags: { h: 'sha1', p: 'x' } })), with: { selectors: ['s'] }, status: 'warn', codes: ['dkim-sha1-only'] },
  { name: 'one good, one missing', evidence: ev(sel('a'), sel('b', missing)), with: { selectors: ['a', 'b'] }, status: 'fail', codes: ['dkim-missing'] },
];

describe('email/dkim rule', () => {
  test.each(valid)('valid: $name', (c) => {
    const r = judgeCase(dkimRule, c);
    expect({ status: r.status, codes: r.codes }).toEqual({ status: c.status, codes: c.codes });
  });
  test.each(invalid)('invalid: $name', (c) => {
    const r = judgeCase(dkimRule, c);
    expect({ status: r.status, codes: r.codes }).toEqual({ status: c.status, codes: c.codes });
    expect(r.hintless).toEqual([]);
  });
  test('the pass summary lists each selector and its key', () => {
    expect(judgeCase(dkimRule, valid[2]!).verdict.summary).toBe('DKIM keys published for every selector: s1 (RSA 2048 via s1.domainkey.u1.wl.sendgrid.net)');
  });
  test('selectors are required and validated; the probe input is canonical', () => {
    expect(dkimRule.options.safeParse({}).success).toBe(false);
    expect(dkimRule.options.safeParse({ selectors: ['bad selector'] }).success).toBe(false);
    const options = dkimRule.options.parse({ selectors: ['S2', 's1', 's2'], minRsaBits: 4096 });
    expect(dkimRule.probeInput({ domain: 'Example.com' }, options)).toEqual({ domain: 'example.com', selectors: ['s1', 's2'] });
  });
});
