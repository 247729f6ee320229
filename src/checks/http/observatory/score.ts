import { cspTest } from './csp.js';
import { coepTest, coopTest, corsTest, crossOriginResourcePolicyTest, referrerPolicyTest, xContentTypeOptionsTest, xFrameOptionsTest } from './header-tests.js';
import { cookiesTest, hstsTest, redirectionTest } from './transport-tests.js';
import type { ObsInput, TestOutcome } from './types.js';

/**
 * Scoring of the MDN HTTP Observatory, pinned to @mdn/mdn-http-observatory 1.4.8
 * (src/grader/charts.js, src/scanner/index.js): start at 100, subtract every penalty, add the
 * bonuses only when the penalised score is still >= 90, floor at 0, and read the grade off
 * 5-point buckets. COEP and COOP are reported but, as in 1.4.8, not scored.
 */

export const OBSERVATORY_VERSION = '@mdn/mdn-http-observatory 1.4.8';
export const MINIMUM_SCORE_FOR_EXTRA_CREDIT = 90;

/** Expectation -> [modifier, what to do]. Advice is for results with a negative modifier. */
export const SCORE_TABLE: Record<string, [number, string]> = {
  'csp-implemented-with-no-unsafe-default-src-none': [10, ''],
  'csp-implemented-with-no-unsafe': [5, ''],
  'csp-implemented-with-unsafe-inline-in-style-src-only': [0, ''],
  'csp-implemented-with-insecure-scheme-in-passive-content-only': [-10, 'load images and media over https and remove http: sources from img-src, media-src and default-src'],
  'csp-implemented-with-unsafe-eval': [-10, "remove eval() from the code, then 'unsafe-eval' from the policy"],
  'csp-implemented-with-unsafe-inline': [-20, "remove 'unsafe-inline', data: and broad sources (https:, *) from script-src and object-src, and set both (or default-src); use nonces or hashes for inline scripts"],
  'csp-implemented-with-insecure-scheme': [-20, 'load every resource over https and remove http: sources from the policy'],
  'csp-header-invalid': [-25, 'fix the Content-Security-Policy syntax (no repeated directives, no strict-dynamic without a nonce or hash); check it with the CSP Evaluator'],
  'csp-not-implemented': [-25, "send a Content-Security-Policy header, e.g. starting from default-src 'self'"],
  'csp-not-implemented-but-reporting-enabled': [-25, 'the policy is only in Content-Security-Policy-Report-Only: enforce it with Content-Security-Policy once the reports are clean'],
  'csp-implemented-but-duplicate-directives': [0, ''],
  'cookies-secure-with-httponly-sessions-and-samesite': [5, ''],
  'cookies-secure-with-httponly-sessions': [0, ''],
  'cookies-not-found': [0, ''],
  'cookies-without-secure-flag-but-protected-by-hsts': [-5, 'set the Secure flag on every cookie'],
  'cookies-session-without-secure-flag-but-protected-by-hsts': [-10, 'set the Secure flag on session cookies'],
  'cookies-without-secure-flag': [-20, 'set the Secure flag on every cookie and send HSTS'],
  'cookies-samesite-flag-invalid': [-20, 'use SameSite=Strict or Lax (SameSite=None needs Secure)'],
  'cookies-anticsrf-without-samesite-flag': [-20, 'set SameSite=Strict or Lax on anti-CSRF cookies'],
  'cookies-session-without-httponly-flag': [-30, 'set HttpOnly on session and login cookies'],
  'cookies-session-without-secure-flag': [-40, 'set Secure on session and login cookies and send HSTS'],
  'cross-origin-resource-sharing-not-implemented': [0, ''],
  'cross-origin-resource-sharing-implemented-with-public-access': [0, ''],
  'cross-origin-resource-sharing-implemented-with-restricted-access': [0, ''],
  'cross-origin-resource-sharing-implemented-with-universal-access': [-50, 'do not reflect the Origin header together with Access-Control-Allow-Credentials: true; allow only the origins that need it'],
  'redirection-all-redirects-preloaded': [0, ''],
  'redirection-to-https': [0, ''],
  'redirection-not-needed-no-http': [0, ''],
  'redirection-off-host-from-http': [-5, 'redirect http:// to https:// on the same host first (so HSTS can be set), then to the final host'],
  'redirection-not-to-https-on-initial-redirection': [-10, 'make the first redirect from http:// go to https:// on the same host'],
  'redirection-not-to-https': [-20, 'redirect http:// to https://'],
  'redirection-missing': [-20, 'redirect http:// to https:// on the same host with a 301 or 308'],
  'redirection-invalid-cert': [-20, 'install a valid certificate on every host in the redirect chain'],
  'referrer-policy-private': [5, ''],
  'referrer-policy-not-implemented': [0, ''],
  'referrer-policy-unsafe': [-5, 'set Referrer-Policy to strict-origin-when-cross-origin or stricter'],
  'referrer-policy-header-invalid': [-5, 'set Referrer-Policy to a valid policy such as strict-origin-when-cross-origin'],
  'hsts-preloaded': [5, ''],
  'hsts-implemented-max-age-at-least-six-months': [0, ''],
  'hsts-implemented-max-age-less-than-six-months': [-10, 'raise Strict-Transport-Security max-age to at least 15552000 (180 days)'],
  'hsts-not-implemented': [-20, 'send Strict-Transport-Security: max-age=31536000 (add includeSubDomains once every subdomain serves https)'],
  'hsts-header-invalid': [-20, 'send exactly one Strict-Transport-Security header with a numeric max-age'],
  'x-content-type-options-nosniff': [0, ''],
  'x-content-type-options-not-implemented': [-5, 'send X-Content-Type-Options: nosniff'],
  'x-content-type-options-header-invalid': [-5, 'send exactly one X-Content-Type-Options: nosniff'],
  'x-frame-options-implemented-via-csp': [5, ''],
  'x-frame-options-sameorigin-or-deny': [0, ''],
  'x-frame-options-allow-from-origin': [0, ''],
  'x-frame-options-not-implemented': [-20, "add frame-ancestors 'self' (or 'none') to the CSP, or send X-Frame-Options: SAMEORIGIN"],
  'x-frame-options-header-invalid': [-20, 'send exactly one X-Frame-Options: DENY or SAMEORIGIN'],
  'corp-implemented-with-same-origin': [10, ''],
  'corp-implemented-with-same-site': [10, ''],
  'corp-implemented-with-cross-origin': [0, ''],
  'corp-not-implemented': [0, ''],
  'corp-header-invalid': [-5, 'set Cross-Origin-Resource-Policy to same-origin, same-site or cross-origin'],
};

export interface ScoredTest extends TestOutcome {
  modifier: number;
  /** False for tests 1.4.8 does not score (COEP, COOP). */
  scored: boolean;
  advice: string;
}

export interface Grade {
  score: number;
  grade: string;
  tests: ScoredTest[];
}

const GRADES: [number, string][] = [[100, 'A+'], [90, 'A'], [85, 'A-'], [80, 'B+'], [70, 'B'], [65, 'B-'], [60, 'C+'], [50, 'C'], [45, 'C-'], [40, 'D+'], [30, 'D'], [25, 'D-'], [0, 'F']];
export const GRADE_ORDER = ['F', 'D-', 'D', 'D+', 'C-', 'C', 'C+', 'B-', 'B', 'B+', 'A-', 'A', 'A+'] as const;
export type GradeLetter = (typeof GRADE_ORDER)[number];

export function gradeFor(score: number): string {
  const s = Math.max(score, 0);
  return GRADES.find(([min]) => s >= min)![1];
}

export function score(tests: TestOutcome[], unscored: TestOutcome[] = []): Grade {
  const scoredTests: ScoredTest[] = tests.map((t) => ({ ...t, modifier: SCORE_TABLE[t.result]?.[0] ?? 0, scored: true, advice: SCORE_TABLE[t.result]?.[1] ?? '' }));
  const penalised = 100 + scoredTests.reduce((sum, t) => sum + Math.min(t.modifier, 0), 0);
  const withBonus = 100 + scoredTests.reduce((sum, t) => sum + t.modifier, 0);
  const total = Math.max(penalised >= MINIMUM_SCORE_FOR_EXTRA_CREDIT ? withBonus : penalised, 0);
  const info = unscored.map((t) => ({ ...t, modifier: 0, scored: false, advice: '' }));
  return { score: total, grade: gradeFor(total), tests: [...scoredTests, ...info] };
}

/** Every test on one scan, scored. */
export function observatory(input: ObsInput): Grade {
  const csp = cspTest(input);
  const { policy: _policy, flags: _flags, ...cspOutcome } = csp;
  const scored = [cspOutcome, cookiesTest(input), corsTest(input), redirectionTest(input), referrerPolicyTest(input), hstsOutcome(input), xContentTypeOptionsTest(input), xFrameOptionsTest(input, csp), crossOriginResourcePolicyTest(input)];
  return score(scored, [coepTest(input), coopTest(input)]);
}

function hstsOutcome(input: ObsInput): TestOutcome {
  const { test, result, pass, data } = hstsTest(input);
  return { test, result, pass, ...(data !== undefined ? { data } : {}) };
}
