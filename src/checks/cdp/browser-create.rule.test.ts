import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import { browserCreateRule } from './browser-create.rule.js';
import type { BrowserEvidence } from './evidence.js';

const URL_EU = 'https://api-engage-eu.sitecorecloud.io/v1.2/browser/create.json';
const ok = (answer: Extract<BrowserEvidence, { configured: true }>['answer'], status = 200): BrowserEvidence => ({ configured: true, url: URL_EU, status, ...(answer ? { answer } : {}) });
const REF = '2b1c7c3e-6f0e-4a57-9d0e-3f8f1c2a9b10';
const GUEST = 'a1f0d0a8-1b2c-4d3e-8f90-123456789abc';

const valid: RuleCase<BrowserEvidence>[] = [
  { name: '200 OK with a browser ref and a guest ref', evidence: ok({ status: 'OK', version: '1.2', ref: REF, customerRef: GUEST }), status: 'pass', codes: [] },
  { name: '200 OK with a browser ref only (noted)', evidence: ok({ status: 'OK', ref: REF }), status: 'pass', codes: [] },
  { name: 'the client key is not set', evidence: { configured: false, missing: ['SITECORE_CDP_CLIENT_KEY'] }, status: 'skipped', codes: [] },
];

const invalid: RuleCase<BrowserEvidence>[] = [
  { name: '401: wrong endpoint or client key', evidence: { configured: true, url: URL_EU, status: 401, refused: { status: 401, detail: 'Unauthorized' } }, status: 'fail', codes: ['client-key-rejected'] },
  { name: '403 from the API', evidence: { configured: true, url: URL_EU, status: 403, refused: { status: 403 } }, status: 'fail', codes: ['client-key-rejected'] },
  { name: '200 with another status', evidence: ok({ status: 'ERROR', ref: REF }), status: 'fail', codes: ['browser-not-created'] },
  { name: '200 OK without a ref', evidence: ok({ status: 'OK' }), status: 'fail', codes: ['no-browser-ref'] },
  { name: '200 with a page instead of JSON', evidence: ok({ text: '<html>Sign in</html>' }), status: 'fail', codes: ['browser-not-created'] },
  { name: '204 without a body', evidence: ok(undefined, 204), status: 'fail', codes: ['browser-not-created'] },
];

describe('cdp/browser-create', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(browserCreateRule, c);
    expect(got, summary).toEqual(want);
  });

  it('names the missing variable in a skipped verdict, with a hint how to set it', () => {
    const v = browserCreateRule.judge({ configured: false, missing: ['CDP_STAGING_CLIENT_KEY'] }, browserCreateRule.options.parse({}), ruleCtx);
    expect(v).toEqual({
      status: 'skipped',
      summary: 'Not checked: CDP_STAGING_CLIENT_KEY is not set, so no browser was created',
      findings: [expect.objectContaining({ severity: 'info', code: 'credentials-not-set', hint: expect.stringContaining('export CDP_STAGING_CLIENT_KEY=') })],
    });
  });

  it('says which browser and guest it created', () => {
    const v = browserCreateRule.judge(valid[0]!.evidence, browserCreateRule.options.parse({}), ruleCtx);
    expect(v.summary).toBe(`The client key creates browsers at this CDP endpoint: browser ${REF} created for guest ${GUEST}`);
  });

  it('reads a region as its API host, and a URL or host as it is', () => {
    const target = (text: string) => browserCreateRule.target.safeParse(browserCreateRule.targetFromString(text));
    expect(['eu', 'US', ' ap ', 'jpe'].map((r) => target(r).data?.url)).toEqual([
      'https://api-engage-eu.sitecorecloud.io', 'https://api-engage-us.sitecorecloud.io', 'https://api-engage-ap.sitecorecloud.io', 'https://api-engage-jpe.sitecorecloud.io',
    ]);
    expect(target('api.boxever.com').data).toEqual({ url: 'https://api.boxever.com' });
    expect(target('https://key:token@api-engage-eu.sitecorecloud.io').success).toBe(false);
    expect(target('https://api-engage-eu.sitecorecloud.io/?client_key=x').success).toBe(false);
    expect(target('ftp://api-engage-eu.sitecorecloud.io').success).toBe(false);
  });

  it('puts the variable name into the probe input, never a value', () => {
    const input = browserCreateRule.probeInput({ url: 'https://api-engage-eu.sitecorecloud.io' }, browserCreateRule.options.parse({}));
    expect(input).toEqual({ baseUrl: 'https://api-engage-eu.sitecorecloud.io', clientKeyVariable: 'SITECORE_CDP_CLIENT_KEY' });
    expect(browserCreateRule.options.safeParse({ clientKeyVariable: 'not a name' }).success).toBe(false);
  });
});
