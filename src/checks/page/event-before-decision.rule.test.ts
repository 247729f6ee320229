import { describe, expect, it } from 'vitest';
import { eventBeforeDecisionRule } from './event-before-decision.rule.js';
import type { PageEvidence } from './evidence.js';
import { call, decision, outcome, page, view } from './test-helpers.js';

const judge = (e: PageEvidence, o: Record<string, unknown> = {}) => outcome(eventBeforeDecisionRule.judge(e, eventBeforeDecisionRule.options.parse(o), { now: new Date(0), goLive: new Date(0) }));
const identity = (ms: number) => call('events', ms, { type: 'IDENTITY' });

describe('page/event-before-decision', () => {
  it.each<[string, PageEvidence['calls'], Record<string, unknown>, string[]]>([
    ['VIEW then decision', [view(700), decision(800)], {}, ['pass']],
    ['decision then VIEW', [decision(650), view(700)], {}, ['fail', 'decision-before-view']],
    ['VIEW of the previous page only', [view(100), decision(900, 'homepage_hero', { document: 1 })], {}, ['fail', 'decision-before-view']],
    ['no decision at all', [view(700)], {}, ['warn', 'no-decision']],
    ['IDENTITY before the member decision', [view(100), decision(200), identity(300), decision(400, 'member_offers')], { identityBefore: ['member_offers'] }, ['pass']],
    ['member decision before IDENTITY', [view(100), decision(200, 'member_offers'), identity(300)], { identityBefore: ['member_offers'] }, ['fail', 'decision-before-identity']],
    ['declared member decision never asked for', [view(100), decision(200)], { identityBefore: ['member_offers'] }, ['fail', 'decision-not-called']],
  ])('%s', (_name, calls, o, expected) => {
    expect(judge(page({ calls }), o)).toEqual(expected);
  });
});
