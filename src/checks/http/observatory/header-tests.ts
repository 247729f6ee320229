import type { CspOutcome } from './csp.js';
import { header, type ObsInput, type TestOutcome } from './types.js';

/**
 * The Observatory's single-header tests (src/analyzer/tests/*.js, 1.4.8) re-expressed, plus the
 * COEP and COOP tests of later Observatory versions, which 1.4.8 does not score. Pure.
 */

const cut = (v: string, n: number) => v.slice(0, n);

const REFERRER_PRIVATE = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
const REFERRER_UNSAFE = ['origin', 'origin-when-cross-origin', 'unsafe-url', 'no-referrer-when-downgrade'];

export function referrerPolicyTest(input: ObsInput): TestOutcome {
  const values = [header(input.headers, 'referrer-policy'), input.metaReferrer].filter((v): v is string => typeof v === 'string');
  if (values.length === 0) return { test: 'referrer-policy', result: 'referrer-policy-not-implemented', pass: true };
  const data = values.join(', ');
  // The last token that is a known policy wins: browsers ignore unknown ones (and the meta tag comes last).
  const policy = data.split(',').map((t) => t.trim().toLowerCase()).filter((t) => REFERRER_PRIVATE.includes(t) || REFERRER_UNSAFE.includes(t)).pop() ?? '';
  const result = REFERRER_PRIVATE.includes(policy) ? 'referrer-policy-private' : REFERRER_UNSAFE.includes(policy) ? 'referrer-policy-unsafe' : 'referrer-policy-header-invalid';
  return { test: 'referrer-policy', result, pass: result === 'referrer-policy-private', data };
}

export function xContentTypeOptionsTest(input: ObsInput): TestOutcome {
  const v = header(input.headers, 'x-content-type-options');
  if (v === undefined) return { test: 'x-content-type-options', result: 'x-content-type-options-not-implemented', pass: false };
  const ok = cut(v, 256).trim().toLowerCase() === 'nosniff';
  return { test: 'x-content-type-options', result: ok ? 'x-content-type-options-nosniff' : 'x-content-type-options-header-invalid', pass: ok, data: cut(v, 256) };
}

export function xFrameOptionsTest(input: ObsInput, csp: CspOutcome): TestOutcome {
  const v = header(input.headers, 'x-frame-options');
  const xfo = v === undefined ? undefined : cut(v, 1024).trim().toLowerCase();
  let result = 'x-frame-options-not-implemented';
  if (xfo !== undefined) result = xfo === 'deny' || xfo === 'sameorigin' ? 'x-frame-options-sameorigin-or-deny' : xfo.startsWith('allow-from') ? 'x-frame-options-allow-from-origin' : 'x-frame-options-header-invalid';
  // Any frame-ancestors directive in a parsed policy supersedes X-Frame-Options.
  if (csp.policy?.['frame-ancestors']) result = 'x-frame-options-implemented-via-csp';
  const pass = !['x-frame-options-not-implemented', 'x-frame-options-header-invalid'].includes(result);
  return { test: 'x-frame-options', result, pass, ...(v !== undefined ? { data: cut(v, 1024) } : {}) };
}

const CORP: Record<string, string> = { 'same-site': 'corp-implemented-with-same-site', 'same-origin': 'corp-implemented-with-same-origin', 'cross-origin': 'corp-implemented-with-cross-origin' };

export function crossOriginResourcePolicyTest(input: ObsInput): TestOutcome {
  const v = header(input.headers, 'cross-origin-resource-policy');
  if (!v) return { test: 'cross-origin-resource-policy', result: 'corp-not-implemented', pass: true };
  const result = CORP[cut(v, 256).trim().toLowerCase()] ?? 'corp-header-invalid';
  return { test: 'cross-origin-resource-policy', result, pass: result !== 'corp-header-invalid', data: cut(v, 256) };
}

export function corsTest(input: ObsInput): TestOutcome {
  const acao = input.cors ? header(input.cors.headers, 'access-control-allow-origin') : undefined;
  if (!input.cors || !acao) return { test: 'cross-origin-resource-sharing', result: 'cross-origin-resource-sharing-not-implemented', pass: true };
  const data = cut(acao, 256).trim().toLowerCase();
  const credentials = header(input.cors.headers, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
  // Reflecting any Origin together with credentials lets every site read the user's data.
  const result =
    data === '*'
      ? 'cross-origin-resource-sharing-implemented-with-public-access'
      : acao === input.cors.origin && credentials
        ? 'cross-origin-resource-sharing-implemented-with-universal-access'
        : 'cross-origin-resource-sharing-implemented-with-restricted-access';
  return { test: 'cross-origin-resource-sharing', result, pass: result !== 'cross-origin-resource-sharing-implemented-with-universal-access', data };
}

const SF_TOKEN = /^[A-Za-z*][A-Za-z0-9:/!#$%&'*+\-.^_`|~]*$/;
const SF_PARAM = /^\s*[a-z*][a-z0-9_\-.*]*(?:=(?:"(?:[^"\\]|\\.)*"|[A-Za-z*][A-Za-z0-9:/!#$%&'*+\-.^_`|~]*|-?\d+(?:\.\d+)?|\?[01]))?\s*$/;

/** The token of a structured-field item ("same-origin; report-to=\"x\"" -> "same-origin"), or null when malformed. */
export function structuredToken(value: string): string | null {
  const [item = '', ...params] = value.trim().split(';');
  const token = item.trim();
  if (!SF_TOKEN.test(token) || !params.every((p) => SF_PARAM.test(p))) return null;
  return token;
}

function policyHeaderTest(input: ObsInput, test: TestName2, name: string, prefix: string, allowed: string[]): TestOutcome {
  const v = header(input.headers, name);
  if (v === undefined) return { test, result: `${prefix}-not-implemented`, pass: true };
  const token = v.includes(',') ? null : structuredToken(cut(v, 1024));
  const result = token !== null && allowed.includes(token) ? `${prefix}-implemented-with-${token}` : `${prefix}-header-invalid`;
  return { test, result, pass: !result.endsWith('-header-invalid'), data: cut(v, 256) };
}

type TestName2 = 'cross-origin-embedder-policy' | 'cross-origin-opener-policy';

export const coepTest = (input: ObsInput) => policyHeaderTest(input, 'cross-origin-embedder-policy', 'cross-origin-embedder-policy', 'coep', ['require-corp', 'credentialless', 'unsafe-none']);
export const coopTest = (input: ObsInput) => policyHeaderTest(input, 'cross-origin-opener-policy', 'cross-origin-opener-policy', 'coop', ['same-origin', 'same-origin-allow-popups', 'noopener-allow-popups', 'unsafe-none']);
