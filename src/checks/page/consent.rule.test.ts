import { describe, expect, it } from 'vitest';
import { consentRule } from './consent.rule.js';
import type { PageEvidence } from './evidence.js';
import { call, decision, outcome, page, view } from './test-helpers.js';

const judge = (e: PageEvidence) => outcome(consentRule.judge(e, consentRule.options.parse({ consent: '#accept' }), { now: new Date(0), goLive: new Date(0) }));

describe('page/consent', () => {
  it.each<[string, PageEvidence, string[]]>([
    ['everything after the click', page(), ['pass']],
    ['a VIEW before the click', page({ calls: [view(100), decision(800)] }), ['fail', 'tracking-before-consent']],
    ['a browser ID before the click', page({ calls: [call('browser', 200), view(700)] }), ['fail', 'tracking-before-consent']],
    ['the browser-ID cookie before the click', page({ consent: { declared: true, atMs: 500, cookiesBefore: ['sc_cid', 'session'] } }), ['fail', 'cookie-before-consent']],
    ['an Engage cookie before the click', page({ consent: { declared: true, atMs: 500, cookiesBefore: ['bid_abc'] } }), ['fail', 'cookie-before-consent']],
    ['other cookies before the click', page({ consent: { declared: true, atMs: 500, cookiesBefore: ['session', 'csrf'] } }), ['pass']],
    ['the consent button was not found', page({ steps: [{ step: 'click #accept', consent: true, atMs: 500, durationMs: 5000, ok: false, error: 'Timeout' }], journeyComplete: false }), ['fail', 'consent-step-failed']],
    ['no consent step declared', page({ consent: { declared: false } }), ['skipped']],
  ])('%s', (_name, e, expected) => {
    expect(judge(e)).toEqual(expected);
  });
});
