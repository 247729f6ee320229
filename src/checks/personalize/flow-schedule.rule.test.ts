import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import type { FlowsEvidence } from './evidence.js';
import { flowScheduleRule } from './flow-schedule.rule.js';
import { flow, flowsEvidence, NOT_CONFIGURED, REFUSED_AT_TOKEN } from './test-helpers.js';

// ruleCtx.goLive is 2026-12-01T08:00:00Z.
const at = (startDate: string, endDate?: string) => ({ schedule: { startDate, ...(endDate ? { endDate } : {}) } });
const one = (extra: Parameters<typeof flow>[1]) => flowsEvidence([flow('home_hero', extra)]);

const valid: RuleCase<FlowsEvidence>[] = [
  { name: 'started before go-live, no end', evidence: one(at('2026-11-10T00:00:00Z')), status: 'pass', codes: [] },
  { name: 'starts exactly at go-live', evidence: one(at('2026-12-01T08:00:00Z')), status: 'pass', codes: [] },
  { name: 'ends a month after go-live', evidence: one(at('2026-11-10T00:00:00Z', '2027-01-01T00:00:00Z')), status: 'pass', codes: [] },
  { name: 'ends 20 days after go-live with minDaysAfterGoLive 14', evidence: one(at('2026-11-10T00:00:00Z', '2026-12-21T08:00:00Z')), options: { minDaysAfterGoLive: 14 }, status: 'pass', codes: [] },
  { name: 'a paused flow is not judged unless declared', evidence: flowsEvidence([flow('old', { status: 'PAUSED', ...at('2027-03-01T00:00:00Z') })]), status: 'pass', codes: [] },
  { name: 'a declared flow the API does not list is noted, not judged', evidence: one(at('2026-11-10T00:00:00Z')), options: { flows: ['home_hero', 'gone'] }, status: 'pass', codes: [] },
  { name: 'credentials not set', evidence: NOT_CONFIGURED, status: 'skipped', codes: [] },
];

const invalid: RuleCase<FlowsEvidence>[] = [
  { name: 'starts a minute after go-live', evidence: one(at('2026-12-01T08:01:00Z')), status: 'fail', codes: ['starts-after-go-live'] },
  { name: 'ends at go-live', evidence: one(at('2026-11-10T00:00:00Z', '2026-12-01T08:00:00Z')), status: 'fail', codes: ['ends-before-go-live'] },
  { name: 'ends after go-live but within minDaysAfterGoLive', evidence: one(at('2026-11-10T00:00:00Z', '2026-12-05T00:00:00Z')), options: { minDaysAfterGoLive: 14 }, status: 'fail', codes: ['ends-too-soon'] },
  { name: 'starts late and ends early (a schedule left from rehearsal)', evidence: one(at('2026-12-02T00:00:00Z', '2026-11-30T00:00:00Z')), status: 'fail', codes: ['starts-after-go-live', 'ends-before-go-live'] },
  { name: 'no schedule', evidence: one({ schedule: undefined }), status: 'warn', codes: ['schedule-missing'] },
  { name: 'an unreadable start date', evidence: one(at('next monday')), status: 'warn', codes: ['schedule-unreadable'] },
  { name: 'a declared paused flow with a late start', evidence: flowsEvidence([flow('old', { status: 'PAUSED', ...at('2027-03-01T00:00:00Z') })]), options: { flows: ['old'] }, status: 'fail', codes: ['starts-after-go-live'] },
  { name: 'credentials refused', evidence: flowsEvidence([], REFUSED_AT_TOKEN), status: 'fail', codes: ['api-credentials-rejected'] },
];

describe('personalize/flow-schedule', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(flowScheduleRule, c);
    expect(got, summary).toEqual(want);
  });

  it('names the flow, its dates and go-live', () => {
    const v = flowScheduleRule.judge(one({ name: 'Home hero', ...at('2026-12-02T09:30:00Z') }), flowScheduleRule.options.parse({}), ruleCtx);
    expect(v.summary).toBe('A flow is not scheduled to run at go-live: "Home hero" (home_hero) starts 2026-12-02T09:30Z, after go-live 2026-12-01T08:00Z');
  });
});
