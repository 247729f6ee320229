import { describe, expect, it } from 'vitest';
import type { HeaderMap, SecurityScanEvidence } from './evidence.js';
import { securityHeadersRule } from './security-headers.rule.js';
import { compare, final, hop, ruleCtx, type RuleCase } from './test-helpers.js';

const U = 'https://www.example.com/';
const STRONG: HeaderMap = {
  'content-type': 'text/html',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'strict-transport-security': 'max-age=63072000',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function scan(headers: HeaderMap, extra: { status?: number; http?: SecurityScanEvidence['http']; cookies?: string[]; acao?: string } = {}): SecurityScanEvidence {
  const status = extra.status ?? 200;
  const withCookies = extra.cookies ? { ...headers, 'set-cookie': extra.cookies } : headers;
  return {
    url: U,
    https: { hops: [hop(U, status, { headers: withCookies })], final: final(U, status, { headers: withCookies }) },
    http: extra.http ?? { url: 'http://www.example.com/', hops: [{ url: 'http://www.example.com/', status: 301 }, { url: U, status: 200 }] },
    cors: { origin: 'https://golive-cors-check.invalid', status: 204, headers: extra.acao ? { 'access-control-allow-origin': extra.acao, 'access-control-allow-credentials': 'true' } : {} },
  };
}

const BARE = ['grade-below-minimum', 'csp-not-implemented', 'hsts-not-implemented', 'x-frame-options-not-implemented', 'x-content-type-options-not-implemented'];

const cases: RuleCase<SecurityScanEvidence>[] = [
  { name: 'strong headers grade A+', evidence: scan(STRONG), status: 'pass', codes: [] },
  { name: 'no http listener is fine', evidence: scan(STRONG, { http: { url: 'http://www.example.com/', hops: [], error: { code: 'CONNECTION_REFUSED', message: 'refused' } } }), status: 'pass', codes: [] },
  { name: 'bare page grades D', evidence: scan({ 'content-type': 'text/html' }), status: 'fail', codes: BARE },
  { name: 'bare page with minGrade F', evidence: scan({ 'content-type': 'text/html' }), options: { minGrade: 'F' }, status: 'pass', codes: [] },
  { name: 'A- is enough for B', evidence: scan({ ...STRONG, 'strict-transport-security': 'max-age=86400', 'x-content-type-options': 'bogus' }), status: 'pass', codes: [] },
  {
    name: 'session cookie without flags drops to F',
    evidence: scan({ 'content-type': 'text/html', 'strict-transport-security': 'max-age=63072000' }, { cookies: ['PHPSESSID=<redacted>; path=/'] }),
    options: { minGrade: 'C' },
    status: 'fail',
    // The worst cookie problem counts: no HttpOnly (-30) beats no Secure under HSTS (-10).
    codes: ['grade-below-minimum', 'csp-not-implemented', 'x-frame-options-not-implemented', 'x-content-type-options-not-implemented', 'cookies-session-without-httponly-flag'],
  },
  { name: 'reflected CORS with credentials', evidence: scan(STRONG, { acao: 'https://golive-cors-check.invalid' }), status: 'fail', codes: ['grade-below-minimum', 'cross-origin-resource-sharing-implemented-with-universal-access'] },
  { name: 'http redirect missing', evidence: scan(STRONG, { http: { url: 'http://www.example.com/', hops: [{ url: 'http://www.example.com/', status: 200 }] } }), options: { minGrade: 'A+' }, status: 'fail', codes: ['grade-below-minimum', 'redirection-missing'] },
];

describe('http/security-headers', () => {
  it.each(cases)('$name', (c) => {
    const { got, want, summary } = compare(securityHeadersRule, c);
    expect(got, summary).toEqual(want);
  });

  it('lists every test with its result and modifier, and the grade with the pinned version', () => {
    const v = securityHeadersRule.judge(scan(STRONG), securityHeadersRule.options.parse({}), ruleCtx);
    expect(v.findings.map((f) => f.subject ?? f.code)).toEqual(['grade', 'content-security-policy', 'cookies', 'cross-origin-resource-sharing', 'redirection', 'referrer-policy', 'strict-transport-security', 'x-content-type-options', 'x-frame-options', 'cross-origin-resource-policy', 'cross-origin-embedder-policy', 'cross-origin-opener-policy']);
    expect(v.findings[0]?.message).toBe('grade A+ (score 120), @mdn/mdn-http-observatory 1.4.8');
    expect(v.findings[1]?.message).toContain('csp-implemented-with-no-unsafe-default-src-none (+10)');
    expect(v.summary).toContain('grade A+');
  });

  it('gives the preload bonus only for hosts named in preloaded', () => {
    const hsts = (preloaded: string[]) => securityHeadersRule.judge(scan(STRONG), securityHeadersRule.options.parse({ preloaded }), ruleCtx).findings.find((f) => f.subject === 'strict-transport-security')?.code;
    expect([hsts([]), hsts(['www.example.com'])]).toEqual(['hsts-implemented-max-age-at-least-six-months', 'hsts-preloaded']);
  });

  it('cannot grade a 500 page: error with HTTP_STATUS', () => {
    const v = securityHeadersRule.judge(scan(STRONG, { status: 500 }), securityHeadersRule.options.parse({}), ruleCtx);
    expect([v.status, v.code, v.findings[0]?.code]).toEqual(['error', 'HTTP_STATUS', 'not-gradable']);
  });
});
