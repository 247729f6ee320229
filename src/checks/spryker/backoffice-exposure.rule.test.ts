import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import { backofficeExposureRule, loginUrlOf } from './backoffice-exposure.rule.js';
import type { BackofficeEvidence } from './demo-evidence.js';

const URL = 'https://backoffice.shop.example.com/security-gui/login';
const ev = (status: number, extra: Partial<BackofficeEvidence> = {}): BackofficeEvidence => ({ url: URL, status, passwordField: false, ...extra });

const valid: RuleCase<BackofficeEvidence>[] = [
  { name: '403 from an IP allow-list', evidence: ev(403), status: 'pass', codes: [] },
  { name: 'basic auth in front', evidence: ev(401, { authenticate: 'Basic realm="staff"' }), status: 'pass', codes: [] },
  { name: 'another authentication in front', evidence: ev(401, { authenticate: 'Bearer' }), status: 'pass', codes: [] },
];

const invalid: RuleCase<BackofficeEvidence>[] = [
  { name: 'login form for everyone (warn by default)', evidence: ev(200, { passwordField: true, title: 'Back Office' }), status: 'warn', codes: ['backoffice-public'] },
  { name: 'login form for everyone, must be closed', evidence: ev(200, { passwordField: true }), options: { whenPublic: 'fail' }, status: 'fail', codes: ['backoffice-public'] },
  { name: 'no login page at the URL', evidence: ev(404), status: 'warn', codes: ['backoffice-login-not-found'] },
  { name: 'a redirect elsewhere', evidence: ev(302, { location: 'https://sso.example.com/login' }), status: 'warn', codes: ['backoffice-unclear'] },
  { name: '200 without a password field', evidence: ev(200), status: 'warn', codes: ['backoffice-unclear'] },
  { name: 'a server error', evidence: ev(502), status: 'warn', codes: ['backoffice-unclear'] },
];

describe('spryker/backoffice-exposure', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(backofficeExposureRule, c);
    expect(got, summary).toEqual(want);
  });

  it('reads a public login page as open to everyone, also as a warning', () => {
    const v = backofficeExposureRule.judge(ev(200, { passwordField: true }), backofficeExposureRule.options.parse({}), ruleCtx);
    expect([v.status, v.summary]).toEqual(['warn', `Back Office login is open to everyone: ${URL} shows the login form to anyone (200 with a password field)`]);
  });

  it('adds the login path to a base URL, and keeps a login page URL as it is', () => {
    expect(loginUrlOf('https://backoffice.shop.example.com')).toBe(URL);
    expect(loginUrlOf('https://backoffice.shop.example.com/')).toBe(URL);
    expect(loginUrlOf(URL)).toBe(URL);
    expect(backofficeExposureRule.probeInput({ url: 'https://bo.example.com/' }, backofficeExposureRule.options.parse({}))).toEqual({ url: 'https://bo.example.com/security-gui/login' });
  });
});
