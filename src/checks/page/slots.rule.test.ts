import { describe, expect, it } from 'vitest';
import type { PageEvidence } from './evidence.js';
import { slotsRule } from './slots.rule.js';
import { outcome, page } from './test-helpers.js';

type Slot = PageEvidence['slots'][number];
const judge = (slots: Slot[], o: Record<string, unknown> = {}) => outcome(slotsRule.judge(page({ slots }), slotsRule.options.parse(o), { now: new Date(0), goLive: new Date(0) }));
const hero = (over: Partial<Slot> = {}): Slot => ({ name: 'hero', found: true, visible: true, filledAtMs: 900, text: 'Sale', attributes: { 'data-variant': 'B' }, ...over });

describe('page/slots', () => {
  it.each<[string, Slot[], Record<string, unknown>, string[]]>([
    ['filled in time', [hero()], {}, ['pass']],
    ['not on the page', [{ name: 'hero', found: false }], {}, ['fail', 'slot-missing']],
    ['never filled', [hero({ filledAtMs: undefined, text: '' })], {}, ['fail', 'slot-not-filled']],
    ['filled late', [hero({ filledAtMs: 4200 })], {}, ['fail', 'slot-slow']],
    ['filled late within a larger budget', [hero({ filledAtMs: 4200 })], { budgetMs: 5000 }, ['pass']],
    ['filled but hidden', [hero({ visible: false })], {}, ['warn', 'slot-hidden']],
    ['none declared', [], {}, ['skipped']],
  ])('%s', (_name, slots, o, expected) => {
    expect(judge(slots, o)).toEqual(expected);
  });

  it('records the variant shown and the decision answer for experiment exposure', () => {
    const v = slotsRule.judge(page(), slotsRule.options.parse({}), { now: new Date(0), goLive: new Date(0) });
    expect(v.findings.map((f) => [f.code, f.message])).toEqual([['variant-shown', 'slot hero showed data-variant=B'], ['decision-answer', 'decision homepage_hero answered {"variant":"B"}']]);
  });
});
