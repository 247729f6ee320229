import { describe, expect, it } from 'vitest';
import { cspTest } from './csp.js';
import { emptyScan, withHeaders } from './fixture.js';
import { coepTest, coopTest, corsTest, crossOriginResourcePolicyTest, referrerPolicyTest, structuredToken, xContentTypeOptionsTest, xFrameOptionsTest } from './header-tests.js';
import type { ObsInput, TestOutcome } from './types.js';

// Cases re-expressed from @mdn/mdn-http-observatory 1.4.8 test/*.test.js (COEP/COOP from its later versions).
type Case = [name: string, input: ObsInput, result: string, pass: boolean];

const ORIGIN = 'https://http-observatory.security.mozilla.org';
const cors = (headers: Record<string, string>) => emptyScan({ cors: { origin: ORIGIN, headers } });
const xfo = (input: ObsInput) => xFrameOptionsTest(input, cspTest(input));

const TABLES: [string, (i: ObsInput) => TestOutcome, Case[]][] = [
  ['referrer-policy', referrerPolicyTest, [
    ['missing', emptyScan(), 'referrer-policy-not-implemented', true],
    ...['no-referrer', 'same-origin', 'strict-origin', 'STRICT-ORIGIN', 'strict-origin-when-cross-origin'].map((v): Case => [v, withHeaders({ 'referrer-policy': v }), 'referrer-policy-private', true]),
    ['meta tag', emptyScan({ metaReferrer: 'no-referrer, same-origin' }), 'referrer-policy-private', true],
    ['meta tag after an unsafe header', withHeaders({ 'referrer-policy': 'unsafe-url' }, { metaReferrer: 'no-referrer, same-origin' }), 'referrer-policy-private', true],
    ['whimsy', withHeaders({ 'referrer-policy': 'whimsy' }), 'referrer-policy-header-invalid', false],
    ...['origin', 'origin-when-cross-origin', 'unsafe-url'].map((v): Case => [v, withHeaders({ 'referrer-policy': v }), 'referrer-policy-unsafe', false]),
    ['safe middle value', withHeaders({ 'referrer-policy': 'origin-when-cross-origin, no-referrer, unsafe-url' }), 'referrer-policy-unsafe', false],
    ['safe first value', withHeaders({ 'referrer-policy': 'no-referrer, unsafe-url' }), 'referrer-policy-unsafe', false],
    ['valid then invalid', withHeaders({ 'referrer-policy': 'no-referrer, whimsy' }), 'referrer-policy-private', true],
    ['all invalid', withHeaders({ 'referrer-policy': 'whimsy, whimsy1, whimsy2' }), 'referrer-policy-header-invalid', false],
  ]],
  ['x-content-type-options', xContentTypeOptionsTest, [
    ['missing', emptyScan(), 'x-content-type-options-not-implemented', false],
    ['whimsy', withHeaders({ 'x-content-type-options': 'whimsy' }), 'x-content-type-options-header-invalid', false],
    ['sent twice', withHeaders({ 'x-content-type-options': 'nosniff, nosniff' }), 'x-content-type-options-header-invalid', false],
    ['nosniff', withHeaders({ 'x-content-type-options': 'nosniff' }), 'x-content-type-options-nosniff', true],
    ['nosniff with a space', withHeaders({ 'x-content-type-options': 'nosniff ' }), 'x-content-type-options-nosniff', true],
  ]],
  ['x-frame-options', xfo, [
    ['missing', emptyScan(), 'x-frame-options-not-implemented', false],
    ['whimsy', withHeaders({ 'x-frame-options': 'whimsy' }), 'x-frame-options-header-invalid', false],
    ['sent twice', withHeaders({ 'x-frame-options': 'SAMEORIGIN, SAMEORIGIN' }), 'x-frame-options-header-invalid', false],
    ['allow-from', withHeaders({ 'x-frame-options': 'ALLOW-FROM https://mozilla.org' }), 'x-frame-options-allow-from-origin', true],
    ['DENY', withHeaders({ 'x-frame-options': 'DENY' }), 'x-frame-options-sameorigin-or-deny', true],
    ['DENY with a space', withHeaders({ 'x-frame-options': 'DENY ' }), 'x-frame-options-sameorigin-or-deny', true],
    ['frame-ancestors in the CSP', withHeaders({ 'x-frame-options': 'DENY', 'content-security-policy': 'frame-ancestors https://mozilla.org' }), 'x-frame-options-implemented-via-csp', true],
  ]],
  ['cross-origin-resource-policy', crossOriginResourcePolicyTest, [
    ['missing', emptyScan(), 'corp-not-implemented', true],
    ['whimsy', withHeaders({ 'cross-origin-resource-policy': 'whimsy' }), 'corp-header-invalid', false],
    ['same-site', withHeaders({ 'cross-origin-resource-policy': 'same-site' }), 'corp-implemented-with-same-site', true],
    ['same-origin', withHeaders({ 'cross-origin-resource-policy': 'same-origin' }), 'corp-implemented-with-same-origin', true],
    ['cross-origin', withHeaders({ 'cross-origin-resource-policy': 'cross-origin' }), 'corp-implemented-with-cross-origin', true],
  ]],
  ['cross-origin-resource-sharing', corsTest, [
    ['not implemented', emptyScan(), 'cross-origin-resource-sharing-not-implemented', true],
    ['public', cors({ 'access-control-allow-origin': '*' }), 'cross-origin-resource-sharing-implemented-with-public-access', true],
    ['restricted', cors({ 'access-control-allow-origin': 'https://mozilla.org' }), 'cross-origin-resource-sharing-implemented-with-restricted-access', true],
    ['universal', cors({ 'access-control-allow-origin': ORIGIN, 'access-control-allow-credentials': 'true' }), 'cross-origin-resource-sharing-implemented-with-universal-access', false],
    ['reflected without credentials', cors({ 'access-control-allow-origin': ORIGIN }), 'cross-origin-resource-sharing-implemented-with-restricted-access', true],
  ]],
  ['cross-origin-embedder-policy', coepTest, [
    ['missing', emptyScan(), 'coep-not-implemented', true],
    ['whimsy', withHeaders({ 'cross-origin-embedder-policy': 'whimsy' }), 'coep-header-invalid', false],
    ['upper case', withHeaders({ 'cross-origin-embedder-policy': 'Require-Corp' }), 'coep-header-invalid', false],
    ['require-corp', withHeaders({ 'cross-origin-embedder-policy': 'require-corp' }), 'coep-implemented-with-require-corp', true],
    ['credentialless with report-to', withHeaders({ 'cross-origin-embedder-policy': 'credentialless; report-to="coep-endpoint"' }), 'coep-implemented-with-credentialless', true],
    ['bare report-to parameter', withHeaders({ 'cross-origin-embedder-policy': 'require-corp; report-to' }), 'coep-implemented-with-require-corp', true],
    ['unsafe-none', withHeaders({ 'cross-origin-embedder-policy': 'unsafe-none' }), 'coep-implemented-with-unsafe-none', true],
  ]],
  ['cross-origin-opener-policy', coopTest, [
    ['missing', emptyScan(), 'coop-not-implemented', true],
    ['whimsy', withHeaders({ 'cross-origin-opener-policy': 'whimsy' }), 'coop-header-invalid', false],
    ['upper case', withHeaders({ 'cross-origin-opener-policy': 'SAME-ORIGIN' }), 'coop-header-invalid', false],
    ['malformed parameter', withHeaders({ 'cross-origin-opener-policy': 'same-origin; report-to=coop endpoint' }), 'coop-header-invalid', false],
    ['same-origin', withHeaders({ 'cross-origin-opener-policy': 'same-origin' }), 'coop-implemented-with-same-origin', true],
    ['same-origin-allow-popups', withHeaders({ 'cross-origin-opener-policy': 'same-origin-allow-popups; report-to="coop-endpoint"' }), 'coop-implemented-with-same-origin-allow-popups', true],
    ['noopener-allow-popups', withHeaders({ 'cross-origin-opener-policy': 'noopener-allow-popups' }), 'coop-implemented-with-noopener-allow-popups', true],
  ]],
];

describe.each(TABLES)('Observatory %s test', (_test, run, cases) => {
  it.each(cases)('%s', (_name, input, result, pass) => {
    const r = run(input);
    expect({ result: r.result, pass: r.pass }).toEqual({ result, pass });
  });
});

describe('structured-field tokens', () => {
  it.each([
    ['same-origin', 'same-origin'],
    ['same-origin; report-to="x"', 'same-origin'],
    ['same-origin; report-to=coop endpoint', null],
    ['"quoted"', null],
    ['', null],
  ])('%j -> %j', (value, token) => {
    expect(structuredToken(value)).toBe(token);
  });
});
