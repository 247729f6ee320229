import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import type { Flow, FlowsEvidence, TrafficSplit } from './evidence.js';
import { trafficSplitsRule } from './traffic-splits.rule.js';
import { flow, flowsEvidence, NOT_CONFIGURED, REFUSED_AT_TOKEN } from './test-helpers.js';

const VARIANTS = [{ ref: 'v-a', name: 'Control', control: true }, { ref: 'v-b', name: 'B' }, { ref: 'v-c', name: 'C' }];
const experiment = (splits: TrafficSplit[], extra: Partial<Flow> = {}) =>
  flowsEvidence([flow('pdp_test', { subtype: 'EXPERIMENT', variants: VARIANTS, traffic: { allocation: 100, splits }, ...extra })]);
const split = (variant: string, percent?: number): TrafficSplit => ({ variant, ...(percent !== undefined ? { percent } : {}) });

const valid: RuleCase<FlowsEvidence>[] = [
  { name: 'three variants at 34/33/33', evidence: experiment([split('v-a', 34), split('v-b', 33), split('v-c', 33)]), status: 'pass', codes: [] },
  { name: 'thirds with decimals', evidence: experiment([split('v-a', 33.34), split('v-b', 33.33), split('v-c', 33.33)]), status: 'pass', codes: [] },
  { name: 'bare numbers as split entries', evidence: experiment([{ percent: 50 }, { percent: 50 }]), status: 'pass', codes: [] },
  { name: 'an experience with no splits and half the traffic', evidence: flowsEvidence([flow('hero', { traffic: { allocation: 50, splits: [] } })]), status: 'pass', codes: [] },
  { name: 'an allocation the answer does not carry (noted)', evidence: flowsEvidence([flow('hero', { traffic: { splits: [] } })]), status: 'pass', codes: [] },
  { name: 'a broken draft experiment is not judged unless declared', evidence: experiment([split('v-a', 10)], { status: 'DRAFT' }), status: 'pass', codes: [] },
  { name: 'credentials not set', evidence: NOT_CONFIGURED, status: 'skipped', codes: [] },
];

const invalid: RuleCase<FlowsEvidence>[] = [
  { name: 'splits adding to 90', evidence: experiment([split('v-a', 30), split('v-b', 30), split('v-c', 30)]), status: 'fail', codes: ['splits-not-100'] },
  { name: 'splits adding to 110', evidence: experiment([split('v-a', 50), split('v-b', 30), split('v-c', 30)]), status: 'fail', codes: ['splits-not-100'] },
  { name: 'a negative share', evidence: experiment([split('v-a', 110), split('v-b', -10)]), status: 'fail', codes: ['splits-not-100'] },
  { name: 'allocation 0', evidence: flowsEvidence([flow('hero', { traffic: { allocation: 0, splits: [] } })]), status: 'fail', codes: ['no-traffic'] },
  { name: 'allocation 150', evidence: flowsEvidence([flow('hero', { traffic: { allocation: 150, splits: [] } })]), status: 'fail', codes: ['allocation-out-of-range'] },
  { name: 'an experiment with variants and no split', evidence: experiment([]), status: 'warn', codes: ['splits-missing'] },
  { name: 'split entries without a share', evidence: experiment([split('v-a'), split('v-b')]), status: 'warn', codes: ['splits-unreadable'] },
  { name: 'a split for a variant the flow lacks', evidence: experiment([split('v-a', 50), split('v-z', 50)]), status: 'warn', codes: ['split-unknown-variant'] },
  { name: 'a declared draft experiment with splits adding to 10', evidence: experiment([split('v-a', 10)], { status: 'DRAFT' }), options: { flows: ['pdp_test'] }, status: 'fail', codes: ['splits-not-100'] },
  { name: 'credentials refused', evidence: flowsEvidence([], REFUSED_AT_TOKEN), status: 'fail', codes: ['api-credentials-rejected'] },
];

describe('personalize/traffic-splits', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(trafficSplitsRule, c);
    expect(got, summary).toEqual(want);
  });

  it('shows the shares and their sum', () => {
    const v = trafficSplitsRule.judge(experiment([split('v-a', 30), split('v-b', 30), split('v-c', 30)]), trafficSplitsRule.options.parse({}), ruleCtx);
    expect(v.findings[0]!.message).toBe('"pdp test" (pdp_test) splits traffic 30 + 30 + 30 = 90%');
  });
});
