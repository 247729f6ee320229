import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import { audiencesRule } from './audiences.rule.js';
import type { FlowsEvidence } from './evidence.js';
import { flow, flowsEvidence, NOT_CONFIGURED, REFUSED_AT_TOKEN } from './test-helpers.js';

const SEGMENTS = { declaredSegments: ['gold-members', 'newsletter'] };
const tenant = [flow('vip_banner', { name: 'VIP banner' }), flow('welcome', { audiences: ['newsletter'] })];
const declare = (audiences: string[]) => ({ flows: [{ flow: 'vip_banner', audiences }] });

const valid: RuleCase<FlowsEvidence>[] = [
  { name: 'a declared audience among the declared segments', evidence: flowsEvidence(tenant, SEGMENTS), options: declare(['gold-members']), status: 'pass', codes: [] },
  { name: 'an audience read from the answer', evidence: flowsEvidence(tenant, SEGMENTS), status: 'pass', codes: [] },
  { name: 'a segment named in the rule option', evidence: flowsEvidence(tenant), options: { ...declare(['b2b']), segments: ['b2b'] }, status: 'pass', codes: [] },
  { name: 'no audience anywhere', evidence: flowsEvidence([flow('hero')], SEGMENTS), status: 'skipped', codes: [] },
  { name: 'audiences but no segment declared', evidence: flowsEvidence(tenant), options: declare(['gold-members']), status: 'skipped', codes: [] },
  { name: 'credentials not set', evidence: NOT_CONFIGURED, status: 'skipped', codes: [] },
];

const invalid: RuleCase<FlowsEvidence>[] = [
  { name: 'a declared audience that is no segment', evidence: flowsEvidence(tenant, SEGMENTS), options: declare(['platinum']), status: 'fail', codes: ['audience-not-found'] },
  { name: 'a segment name in the wrong case', evidence: flowsEvidence(tenant, SEGMENTS), options: declare(['Gold-Members']), status: 'fail', codes: ['audience-not-found'] },
  { name: 'an audience from the answer that is no segment', evidence: flowsEvidence([flow('welcome', { audiences: ['first-timers'] })], SEGMENTS), status: 'fail', codes: ['audience-not-found'] },
  { name: 'two unknown audiences', evidence: flowsEvidence(tenant, SEGMENTS), options: declare(['a-seg', 'b-seg']), status: 'fail', codes: ['audience-not-found', 'audience-not-found'] },
  { name: 'credentials refused', evidence: flowsEvidence([], REFUSED_AT_TOKEN), status: 'fail', codes: ['api-credentials-rejected'] },
];

describe('personalize/audiences', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(audiencesRule, c);
    expect(got, summary).toEqual(want);
  });

  it('names the flow, the audience and the segments, and suggests the near one', () => {
    const v = audiencesRule.judge(flowsEvidence(tenant, SEGMENTS), audiencesRule.options.parse(declare(['Gold-Members'])), ruleCtx);
    expect(v.findings[0]).toMatchObject({ subject: 'vip_banner', message: '"VIP banner" (vip_banner) targets "Gold-Members", which is not among the 2 known segments (gold-members, newsletter)', hint: 'did you mean "gold-members"? Segment names must match exactly, case included' });
  });
});
