import { describe, expect, it } from 'vitest';
import type { PageEvidence } from './evidence.js';
import { eventsRule } from './events.rule.js';
import { call, outcome, page, view } from './test-helpers.js';

const judge = (e: PageEvidence, o: Record<string, unknown> = {}) => outcome(eventsRule.judge(e, eventsRule.options.parse(o), { now: new Date(0), goLive: new Date(0) }));
const broken = { id: 'events/currency-code', title: 'Every event has an uppercase three-letter currency code', severity: 'fail' as const, applicable: 2, violations: 1, example: 'eur' };
const weak = { id: 'events/identity-email', title: 'IDENTITY e-mail addresses are well formed', severity: 'warn' as const, applicable: 1, violations: 1, example: 'x' };
const withChecks = (...checks: PageEvidence['events']['checks']) => page({ events: { sent: 2, types: ['VIEW'], checks, skipped: [] } });

describe('page/events', () => {
  it.each<[string, PageEvidence, Record<string, unknown>, string[]]>([
    ['a VIEW in the formats', page(), {}, ['pass']],
    ['no VIEW', page({ calls: [] }), {}, ['fail', 'event-missing']],
    ['IDENTITY expected, not sent', page(), { expect: ['VIEW', 'IDENTITY'] }, ['fail', 'event-missing']],
    ['IDENTITY expected and sent', page({ calls: [view(700), call('events', 900, { type: 'IDENTITY' })] }), { expect: ['VIEW', 'IDENTITY'] }, ['pass']],
    ['the Edge refused the VIEW', page({ calls: [view(700, { status: 400 })] }), {}, ['fail', 'event-rejected']],
    ['the Edge never answered the VIEW', page({ calls: [view(700, { status: undefined })] }), {}, ['fail', 'event-unanswered']],
    ['a failing event rule', withChecks(broken), {}, ['fail', 'currency-code']],
    ['a warning event rule', withChecks(weak), {}, ['warn', 'identity-email']],
    ['rules narrowed to languages', withChecks(broken), { rules: ['events/language-*'] }, ['fail', 'unknown-rule']],
    ['rules narrowed to currency', withChecks(broken), { rules: ['events/currency-*'] }, ['fail', 'currency-code']],
    ['a failed journey step', page({ journeyComplete: false, steps: [{ step: 'click #login', atMs: 1, durationMs: 5000, ok: false, error: 'Timeout 5000ms exceeded' }] }), {}, ['fail', 'journey-incomplete']],
  ])('%s', (_name, e, o, expected) => {
    expect(judge(e, o)).toEqual(expected);
  });

  it('says which rules were not applied to Cloud SDK events, as information', () => {
    const v = eventsRule.judge(page({ events: { sent: 1, types: ['VIEW'], checks: [], skipped: [{ id: 'events/pos-present', reason: 'the Cloud SDK sends pos ""' }] } }), eventsRule.options.parse({}), { now: new Date(0), goLive: new Date(0) });
    expect([v.status, v.findings.map((f) => [f.severity, f.code])]).toEqual(['pass', [['info', 'rule-not-applied']]]);
  });
});
