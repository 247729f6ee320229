import { describe, expect, it } from 'vitest';
import type { PageEvidence } from './evidence.js';
import { scriptHealthRule } from './script-health.rule.js';
import { outcome, page } from './test-helpers.js';

const judge = (e: PageEvidence, o: Record<string, unknown> = {}) => outcome(scriptHealthRule.judge(e, scriptHealthRule.options.parse(o), { now: new Date(0), goLive: new Date(0) }));
const csp = (blockedUri: string) => ({ blockedUri, directive: 'connect-src', source: '', disposition: 'enforce', at: 10 });
const script = (over: object) => ({ requests: { count: 2, truncated: false, list: [{ url: 'https://www.shop.example/app.js', method: 'GET', type: 'script', startMs: 5, ...over }] } });
const consoleError = (text: string) => ({ type: 'error', text, atMs: 5 });

describe('page/script-health', () => {
  it.each<[string, PageEvidence, Record<string, unknown>, string[]]>([
    ['a clean page', page(), {}, ['pass']],
    ['a script answering 404', page(script({ status: 404 })), {}, ['fail', 'script-failed']],
    ['a script that failed', page(script({ failure: 'net::ERR_CONNECTION_REFUSED' })), {}, ['fail', 'script-failed']],
    ['a script golive blocked', page(script({ failure: 'blocked by golive', blocked: true })), {}, ['pass']],
    ['an uncaught error', page({ errors: [{ message: 'TypeError: x is undefined', atMs: 3 }] }), {}, ['fail', 'page-error']],
    ['a console error', page({ console: [consoleError('boom')] }), {}, ['fail', 'console-errors']],
    ['a tolerated console error', page({ console: [consoleError('boom')] }), { maxConsoleErrors: 1 }, ['pass']],
    ['an ignored console error', page({ console: [consoleError('favicon missing')] }), { ignoreConsole: ['favicon'] }, ['pass']],
    ['resource failures are not console errors', page({ console: [consoleError('Failed to load resource: 404')] }), {}, ['pass']],
    ['CSP reports are not console errors', page({ console: [consoleError('Fetch API cannot load https://edge.example/x. Refused to connect because it violates the document\'s Content Security Policy.')] }), {}, ['pass']],
    ['two Cloud SDK copies', page({ sdk: { ...page().sdk, copies: { cloud: 2, engage: 0 } } }), {}, ['fail', 'duplicate-sdk']],
    ['two Engage files', page({ sdk: { scripts: [1, 2].map((i) => ({ url: `https://cdn.example/engage.min.js?${i}`, sdk: 'engage' as const, startMs: i })), copies: { cloud: 0, engage: 1 } } }), {}, ['fail', 'duplicate-sdk']],
    ['two Engage files on the second page of a journey', page({ sdk: { scripts: [1, 2, 3].map((i) => ({ url: `https://cdn.example/engage.min.js?${i}`, sdk: 'engage' as const, startMs: i, document: i === 1 ? 0 : 1 })), copies: { cloud: 0, engage: 1 } } }), {}, ['fail', 'duplicate-sdk']],
    ['the same Engage file once on each page of a journey', page({ sdk: { scripts: [0, 1, 2].map((d) => ({ url: 'https://cdn.example/engage.min.js', sdk: 'engage' as const, startMs: d * 1000, document: d })), copies: { cloud: 0, engage: 1 } } }), {}, ['pass']],
    ['CSP blocks the Edge', page({ csp: [csp('https://edge.shop.example/v1/events/v1.2/events')] }), {}, ['fail', 'csp-blocks-events-host']],
    ['CSP blocks a Sitecore host', page({ csp: [csp('https://edge-platform.sitecorecloud.io')] }), {}, ['fail', 'csp-blocks-events-host']],
    ['a report-only policy blocks nothing', page({ csp: [{ ...csp('https://edge-platform.sitecorecloud.io'), disposition: 'report' }] }), {}, ['pass']],
    ['CSP blocks something else', page({ csp: [csp('https://ads.example/x.js')] }), {}, ['warn', 'csp-violation']],
    ['the SDK used before init', page({ errors: [{ message: 'Error: [IE-0014] You must first initialize the Cloud SDK', atMs: 3 }] }), {}, ['fail', 'sdk-load-order']],
    ['Engage used before it loaded', page({ errors: [{ message: 'ReferenceError: Engage is not defined', atMs: 3 }] }), {}, ['fail', 'sdk-load-order']],
  ])('%s', (_name, e, o, expected) => {
    expect(judge(e, o)).toEqual(expected);
  });
});
