import { describe, expect, it } from 'vitest';
import { emptyScan, withHeaders } from './fixture.js';
import { cookiesTest, hstsTest, redirectionTest } from './transport-tests.js';
import type { ObsInput } from './types.js';

// Cases re-expressed from @mdn/mdn-http-observatory 1.4.8 test/{cookies,redirection,strict-transport-security}.test.js.
type Case = [name: string, input: ObsInput, result: string, pass: boolean];

const SIX_MONTHS = 'max-age=15768000';
const cookies = (lines: string[], headers: Record<string, string> = {}) => withHeaders(headers, { cookies: lines });
const route = (...hops: [string, number][]) => emptyScan({ http: { reached: true, certError: false, route: hops.map(([url, status]) => ({ url, status })) } });

const COOKIES: Case[] = [
  ['no cookies', emptyScan(), 'cookies-not-found', true],
  ['secure, httponly session, heroku affinity ignored', cookies(['SESSIONID=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly', 'foo=bar; Domain=mozilla.org; Secure; Path=/', 'heroku-session-affinity=bar; Domain=mozilla.org; Path=/']), 'cookies-secure-with-httponly-sessions', true],
  ['all SameSite', cookies(['A_SESS=bar; Path=/; Secure; HttpOnly; SameSite=Strict', 'B_SESS=bar; Path=/; Secure; HttpOnly; SameSite=Lax', 'C_SESS=bar; Path=/; Secure; HttpOnly; SameSite=None']), 'cookies-secure-with-httponly-sessions-and-samesite', true],
  ['one without SameSite', cookies(['A_SESS=bar; Path=/; Secure; HttpOnly; SameSite=Strict', 'D_SESS=bar; Path=/; Secure; HttpOnly']), 'cookies-secure-with-httponly-sessions', true],
  ['anti-CSRF without SameSite', cookies(['CSRFTOKEN=bar; Domain=mozilla.org; Path=/; Secure; HttpOnly']), 'cookies-anticsrf-without-samesite-flag', false],
  ['SameSite empty', cookies(['SESSIONID=bar; Path=/; Secure; HttpOnly; SameSite=']), 'cookies-samesite-flag-invalid', false],
  ['SameSite=True', cookies(['SESSIONID=bar; Path=/; Secure; HttpOnly; SameSite=True']), 'cookies-samesite-flag-invalid', false],
  ['SameSite=Invalid', cookies(['SESSIONID=bar; Path=/; Secure; HttpOnly; SameSite=Invalid']), 'cookies-samesite-flag-invalid', false],
  ['SameSite=None without Secure', cookies(['theme=dark; Path=/; SameSite=None'], { 'strict-transport-security': SIX_MONTHS }), 'cookies-samesite-flag-invalid', false],
  ['not Secure but HSTS', cookies(['foo=bar; Domain=mozilla.org; Path=/'], { 'strict-transport-security': SIX_MONTHS }), 'cookies-without-secure-flag-but-protected-by-hsts', false],
  ['session not Secure but HSTS', cookies(['SESSIONID=bar; Domain=mozilla.org; Path=/; HttpOnly'], { 'strict-transport-security': SIX_MONTHS }), 'cookies-session-without-secure-flag-but-protected-by-hsts', false],
  ['not Secure', cookies(['foo=bar; Domain=mozilla.org; Path=/']), 'cookies-without-secure-flag', false],
  ['session without HttpOnly', cookies(['SESSIONID=bar; Domain=mozilla.org; Path=/; Secure']), 'cookies-session-without-httponly-flag', false],
  ['session not Secure', cookies(['SESSIONID=bar; Domain=mozilla.org; Path=/; HttpOnly']), 'cookies-session-without-secure-flag', false],
  ['session with neither flag', cookies(['SESSIONID=bar; Domain=mozilla.org; Path=/']), 'cookies-session-without-secure-flag', false],
  ['redacted values read the same', cookies(['SESSIONID=<redacted>; Path=/; Secure']), 'cookies-session-without-httponly-flag', false],
];

const REDIRECTION: Case[] = [
  ['no http', emptyScan({ http: { reached: false, certError: false, route: [] } }), 'redirection-not-needed-no-http', true],
  ['invalid certificate on the way', emptyScan({ http: { reached: true, certError: true, route: [{ url: 'http://mozilla.org/', status: 301 }] } }), 'redirection-invalid-cert', false],
  ['missing', route(['http://mozilla.org', 200]), 'redirection-missing', false],
  ['not to https', route(['http://mozilla.org', 301], ['http://www.mozilla.org', 200]), 'redirection-not-to-https', false],
  ['longer chain, not to https', route(['http://mozilla.org', 301], ['http://www.mozilla.org', 302], ['http://www.mozilla.org/en/', 200]), 'redirection-not-to-https', false],
  ['to https (the fixture)', emptyScan(), 'redirection-to-https', true],
  ['to https with a port', route(['http://mozilla.org/', 301], ['https://mozilla.org:8443/', 200]), 'redirection-to-https', true],
  ['first redirect to http', route(['http://mozilla.org/', 301], ['http://www.mozilla.org/', 301], ['https://www.mozilla.org/', 200]), 'redirection-not-to-https-on-initial-redirection', false],
  ['first redirect off host', route(['http://mozilla.org/', 301], ['https://www.mozilla.org/', 200]), 'redirection-off-host-from-http', false],
  ['all hosts preloaded', { ...route(['http://pokeinthe.io/', 301], ['https://pokeinthe.io/', 302], ['https://www.pokeinthe.io/', 302], ['https://baz.pokeinthe.io/foo', 200]), preloaded: ['pokeinthe.io', 'www.pokeinthe.io', 'baz.pokeinthe.io'] }, 'redirection-all-redirects-preloaded', true],
];

const HSTS: Case[] = [
  ['missing', emptyScan(), 'hsts-not-implemented', false],
  ['no max-age', withHeaders({ 'strict-transport-security': 'includeSubDomains; preload' }), 'hsts-header-invalid', false],
  ['sent twice', withHeaders({ 'strict-transport-security': 'max-age=15768000; includeSubDomains, max-age=15768000; includeSubDomains' }), 'hsts-header-invalid', false],
  ['max-age too low', withHeaders({ 'strict-transport-security': 'max-age=86400' }), 'hsts-implemented-max-age-less-than-six-months', false],
  ['implemented', withHeaders({ 'strict-transport-security': 'max-age=15768000; includeSubDomains; preload' }), 'hsts-implemented-max-age-at-least-six-months', true],
  ['180 days is accepted', withHeaders({ 'strict-transport-security': 'max-age=15552000' }), 'hsts-implemented-max-age-at-least-six-months', true],
  ['preloaded host', emptyScan({ host: 'bugzilla.mozilla.org', preloaded: ['bugzilla.mozilla.org'] }), 'hsts-preloaded', true],
  ['non-numeric max-age (a deviation: the Observatory passes it)', withHeaders({ 'strict-transport-security': 'max-age=forever' }), 'hsts-header-invalid', false],
];

describe.each([
  ['cookies', cookiesTest, COOKIES],
  ['redirection', redirectionTest, REDIRECTION],
  ['strict-transport-security', hstsTest, HSTS],
] as const)('Observatory %s test', (_name, run, cases) => {
  it.each(cases)('%s', (_case, input, result, pass) => {
    const r = run(input);
    expect({ result: r.result, pass: r.pass }).toEqual({ result, pass });
  });
});

describe('Observatory HSTS details', () => {
  it('reads max-age, includeSubDomains and preload', () => {
    const r = hstsTest(withHeaders({ 'strict-transport-security': 'max-age=15768000; includeSubDomains; preload' }));
    expect([r.maxAge, r.includeSubDomains, r.preload]).toEqual([15768000, true, true]);
  });
});
