import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import type { Flow, FlowsEvidence } from './evidence.js';
import { sampleSizeRule } from './sample-size.rule.js';
import { flow, flowsEvidence, NOT_CONFIGURED, REFUSED_AT_TOKEN } from './test-helpers.js';

const GOOD = { baseValue: 0.03, minimumDetectableDifference: 0.1, confidenceLevel: 0.95 };
const experiment = (sampleSize: Flow['sampleSize'], extra: Partial<Flow> = {}) => flowsEvidence([flow('pdp_test', { subtype: 'EXPERIMENT', ...(sampleSize ? { sampleSize } : {}), ...extra })]);

const valid: RuleCase<FlowsEvidence>[] = [
  { name: 'an experiment with a full configuration', evidence: experiment(GOOD), status: 'pass', codes: [] },
  { name: 'experiences need none', evidence: flowsEvidence([flow('hero')]), status: 'pass', codes: [] },
  { name: 'a confidence of 0.9 meets the default minimum', evidence: experiment({ ...GOOD, confidenceLevel: 0.9 }), status: 'pass', codes: [] },
  { name: 'an undeclared completed experiment without one is not judged', evidence: experiment(undefined, { status: 'COMPLETED' }), status: 'pass', codes: [] },
  { name: 'credentials not set', evidence: NOT_CONFIGURED, status: 'skipped', codes: [] },
];

const invalid: RuleCase<FlowsEvidence>[] = [
  { name: 'no sample-size configuration', evidence: experiment(undefined), status: 'fail', codes: ['sample-size-missing'] },
  { name: 'a configuration without a baseline', evidence: experiment({ minimumDetectableDifference: 0.1, confidenceLevel: 0.95 }), status: 'fail', codes: ['sample-size-missing'] },
  { name: 'a baseline given in percent', evidence: experiment({ ...GOOD, baseValue: 3 }), status: 'fail', codes: ['sample-size-invalid'] },
  { name: 'a difference of 0', evidence: experiment({ ...GOOD, minimumDetectableDifference: 0 }), status: 'fail', codes: ['sample-size-invalid'] },
  { name: 'a confidence of 95 (percent)', evidence: experiment({ ...GOOD, confidenceLevel: 95 }), status: 'fail', codes: ['sample-size-invalid'] },
  { name: 'a confidence of 0.8', evidence: experiment({ ...GOOD, confidenceLevel: 0.8 }), status: 'warn', codes: ['low-confidence'] },
  { name: 'a confidence of 0.9 with minConfidenceLevel 0.95', evidence: experiment({ ...GOOD, confidenceLevel: 0.9 }), options: { minConfidenceLevel: 0.95 }, status: 'warn', codes: ['low-confidence'] },
  { name: 'credentials refused', evidence: flowsEvidence([], REFUSED_AT_TOKEN), status: 'fail', codes: ['api-credentials-rejected'] },
];

describe('personalize/sample-size', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(sampleSizeRule, c);
    expect(got, summary).toEqual(want);
  });

  it('says when none of the flows is an experiment', () => {
    const v = sampleSizeRule.judge(flowsEvidence([flow('hero')]), sampleSizeRule.options.parse({}), ruleCtx);
    expect(v.findings.map((f) => f.message)).toEqual(['none of the 1 flow judged is an experiment']);
  });
});
