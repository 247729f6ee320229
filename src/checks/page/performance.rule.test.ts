import { describe, expect, it } from 'vitest';
import type { CompareEvidence } from './evidence.js';
import { performanceRule } from './performance.rule.js';
import { compare, outcome } from './test-helpers.js';

const judge = (e: CompareEvidence, o: Record<string, unknown> = {}) => outcome(performanceRule.judge(e, performanceRule.options.parse(o), { now: new Date(0), goLive: new Date(0) }));

describe('page/performance', () => {
  it.each<[string, CompareEvidence, Record<string, unknown>, string[]]>([
    ['the same figures', compare({}), {}, ['pass']],
    ['LCP +400 ms within 500', compare({ lcpMs: 800 }), {}, ['pass']],
    ['LCP +900 ms', compare({ lcpMs: 1300 }), {}, ['fail', 'lcp-delta']],
    ['LCP over an absolute budget', compare({ lcpMs: 2700 }, { lcpMs: 2600 }), { maxLcpMs: 2500 }, ['fail', 'lcp-over-budget']],
    ['TBT +300 ms', compare({ tbtMs: 350 }, { tbtMs: 50 }), {}, ['fail', 'tbt-delta']],
    ['CLS +0.2 from a slot pushing content', compare({ cls: 0.2 }), {}, ['fail', 'cls-delta']],
    ['CLS +0.04', compare({ cls: 0.04 }), {}, ['pass']],
    ['no LCP measured', compare({ lcpMs: null }), {}, ['warn', 'lcp-not-measured']],
  ])('%s', (_name, e, o, expected) => {
    expect(judge(e, o)).toEqual(expected);
  });

  it('shares the page options with the other rules: its input is the blocked load\'s without the flag', () => {
    const o = performanceRule.options.parse({ consent: '#accept', block: ['tags.example'] });
    expect(performanceRule.probeInput({ url: 'https://www.shop.example/' }, o)).toEqual({ url: 'https://www.shop.example/', consent: '#accept', steps: [], slots: [], block: ['tags.example'], slotWaitMs: 5000, settleMs: 3000, stepTimeoutMs: 5000 });
  });
});
