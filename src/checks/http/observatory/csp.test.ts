import { describe, expect, it } from 'vitest';
import { cspTest } from './csp.js';
import { emptyScan, withHeaders } from './fixture.js';

// Cases re-expressed from @mdn/mdn-http-observatory 1.4.8 test/csp.test.js: a header value -> the expectation.
const csp = (value: string) => cspTest(withHeaders({ 'content-security-policy': value }));

const CASES: Record<string, { values: string[]; pass: boolean; flag?: string }> = {
  'csp-header-invalid': {
    pass: false,
    values: ['  ', '', "default-src 'none'; default-src 'none'", "default-src 'none'; img-src 'self'; default-src 'none'", "default-src 'none'; script-src 'strict-dynamic'", 'defa'],
  },
  'csp-implemented-with-insecure-scheme': {
    pass: false,
    flag: 'insecureSchemeActive',
    values: ['default-src http://mozilla.org', "default-src 'none'; script-src http://mozilla.org", "default-src 'none'; script-src ftp://mozilla.org"],
  },
  'csp-implemented-with-insecure-scheme-in-passive-content-only': {
    pass: true,
    flag: 'insecureSchemePassive',
    values: [
      "default-src 'none'; img-src http://mozilla.org",
      "default-src 'self'; img-src ftp:",
      "default-src 'self'; img-src http:",
      "default-src 'none'; img-src https:; media-src http://mozilla.org",
      "default-src 'none'; img-src http: https:; script-src 'self'; style-src 'self'",
      "default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; style-src 'self'",
      "default-src 'none'; img-src 'none'; media-src http:; script-src 'self'; style-src 'unsafe-inline'",
    ],
  },
  'csp-implemented-with-unsafe-inline': {
    pass: false,
    flag: 'unsafeInline',
    values: [
      "default-src 'none'; script-src https://*",
      "default-src 'none'; script-src 'unsafe-inline'",
      "script-src 'unsafe-inline'",
      'script-src data:',
      'script-src http:',
      'script-src ftp:',
      "default-src 'unsafe-inline'",
      "default-src 'UNSAFE-INLINE'",
      'upgrade-insecure-requests',
      "script-src 'none'",
      'script-src https:',
      'script-src https://mozilla.org https:',
      'default-src https://mozilla.org https:',
      "default-src 'none'; script-src *",
      "default-src *; script-src *; object-src 'none'",
      "default-src 'none'; script-src 'none'; object-src *",
      "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'",
      "default-src 'none'; script-src 'unsafe-inline' http:",
      "object-src https:; script-src 'none'",
    ],
  },
  'csp-implemented-with-unsafe-eval': { pass: false, flag: 'unsafeEval', values: ["default-src 'none'; script-src 'unsafe-eval'"] },
  'csp-implemented-with-unsafe-inline-in-style-src-only': {
    pass: true,
    flag: 'unsafeInlineStyle',
    values: [
      "object-src 'none'; script-src 'none'; style-src 'unsafe-inline'",
      "default-src 'none'; script-src https://mozilla.org; style-src 'unsafe-inline'",
      "default-src 'unsafe-inline'; script-src https://mozilla.org",
      "default-src 'none';;; ;;;style-src 'self' 'unsafe-inline'",
      "default-src 'none'; style-src data:",
      "default-src 'none'; style-src *",
      "default-src 'none'; style-src https:",
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB=' 'unsafe-inline'",
    ],
  },
  'csp-implemented-with-no-unsafe': {
    pass: true,
    values: [
      'default-src https://mozilla.org',
      "default-src https://mozilla.org;;; ;;;script-src 'none'",
      "object-src 'none'; script-src https://mozilla.org; style-src https://mozilla.org; upgrade-insecure-requests;",
      "object-src 'none'; script-src 'strict-dynamic' 'nonce-abc' 'unsafe-inline'; style-src 'none'",
      "object-src 'none'; style-src 'self';script-src 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBA='",
      "object-src 'none'; style-src 'self'; script-src 'unsafe-inline' 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBA=''sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB='",
      "object-src 'none'; script-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'; style-src 'none'",
      "default-src https://mozilla.org; style-src 'unsafe-inline' 'nonce-abc123' 'unsafe-inline'",
      "default-src https://mozilla.org; style-src 'unsafe-inline' 'sha256-hqBEA/HXB3aJU2FgOnYN8rkAgEVgyfi3Vs1j2/XMPBB=' 'unsafe-inline'",
    ],
  },
  'csp-implemented-with-no-unsafe-default-src-none': {
    pass: true,
    flag: 'defaultNone',
    values: [
      'default-src',
      "default-src 'none'; script-src 'strict-dynamic' 'nonce-abc123' 'unsafe-inline'",
      "default-src 'none'; script-src https://mozilla.org; style-src https://mozilla.org; upgrade-insecure-requests;",
      "default-src 'none'; object-src https://mozilla.org",
      "default-src 'none'; script-src 'strict-dynamic' 'nonce-abc123'",
      "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123'",
      "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' https://*",
      "default-src 'none'; script-src 'strict-dynamic' 'sha256-abc123' 'unsafe-inline'",
    ],
  },
};

const rows = Object.entries(CASES).flatMap(([expectation, c]) => c.values.map((value) => ({ expectation, value, pass: c.pass, flag: c.flag })));

describe('Observatory CSP test, header cases', () => {
  it.each(rows)('$value -> $expectation', ({ value, expectation, pass, flag }) => {
    const r = csp(value);
    expect({ result: r.result, pass: r.pass, flag: flag ? r.flags?.[flag as keyof NonNullable<typeof r.flags>] : undefined }).toEqual({ result: expectation, pass, flag: flag ? true : undefined });
  });
});

describe('Observatory CSP test, other cases', () => {
  it('missing, report-only and frame-ancestors only in a meta tag count as not implemented', () => {
    expect(cspTest(emptyScan()).result).toBe('csp-not-implemented');
    expect(cspTest(withHeaders({ 'content-security-policy-report-only': "default-src 'none'; report-to /_/csp-reports" })).result).toBe('csp-not-implemented-but-reporting-enabled');
    expect(cspTest(emptyScan({ metaCsp: ["frame-ancestors 'none'"] })).result).toBe('csp-not-implemented');
    expect(cspTest(withHeaders({ 'content-security-policy': "frame-anchestors 'none'" }, { metaCsp: ["frame-ancestors 'none'"] })).result).toBe('csp-implemented-with-unsafe-inline');
  });

  it.each([
    ['header default-src http: and meta default-src https: intersect to none', 'default-src http:', ['default-src https:']],
    ['meta only', undefined, ["default-src 'none';"]],
    ['four meta policies', undefined, ["default-src 'none'; object-src 'none'; media-src 'none';", "connect-src 'self'; font-src 'self'; child-src 'self'", "img-src 'self'; style-src 'self' 'nonce-gAeQO8jI4VJCsrsXkcUVRCzQjiihKteQ", "script-src 'self' 'unsafe-inline' 'nonce-gAeQO8jI4VJCsrsXkcUVRCzQjiihKteQ'"]],
    ['header and meta both none', "default-src 'none'", ["default-src 'none';"]],
    ['header none, meta https:', "default-src 'none'", ['default-src https:']],
    ['header img-src none, meta default-src none', "img-src 'none'", ["default-src 'none';"]],
  ])('%s -> default-src none', (_name, header, metaCsp) => {
    const input = header === undefined ? emptyScan({ metaCsp }) : withHeaders({ 'content-security-policy': header }, { metaCsp });
    expect(cspTest(input)).toMatchObject({ result: 'csp-implemented-with-no-unsafe-default-src-none', pass: true });
  });

  it.each([
    ["default-src 'none'", { antiClickjacking: false, insecureFormAction: true }],
    ['frame-ancestors *', { antiClickjacking: false }],
    ['frame-ancestors https:', { antiClickjacking: false }],
    ["default-src *; frame-ancestors 'none'", { antiClickjacking: true }],
    ["default-src 'none'; base-uri *; object-src *", { insecureBaseUri: true, unsafeObjects: true }],
    ['default-src *', { insecureBaseUri: true, unsafeObjects: true, insecureFormAction: true }],
    ["default-src 'none'; base-uri 'self'", { insecureBaseUri: false }],
    ["default-src *; form-action 'self'", { insecureFormAction: false }],
    ['default-src https:; media-src http://mozilla.org; script-src http:', { insecureSchemePassive: true }],
  ])('policy analysis of %s', (value, flags) => {
    expect(csp(value).flags).toMatchObject(flags);
  });

  it('repeated report-uri is allowed but drops the bonus to a 0 result', () => {
    expect(csp("default-src 'none'; report-uri /a; report-uri /b")).toMatchObject({ result: 'csp-implemented-but-duplicate-directives', pass: true });
  });

  it('a repeated header (joined with a comma) is read as two policies', () => {
    expect(csp("default-src 'none', default-src 'none'").result).toBe('csp-implemented-with-no-unsafe-default-src-none');
  });
});
