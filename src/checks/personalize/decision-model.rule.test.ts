import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import { contains } from './decision-judge.js';
import { decisionModelRule } from './decision-model.rule.js';
import type { DecisionNode, DecisionTest, DecisionTestsEvidence } from './evidence.js';
import { BASE, NOT_CONFIGURED } from './test-helpers.js';

const node = (id: string, name: string, ms: number, outputs: unknown[], extra: Partial<DecisionNode> = {}): DecisionNode => ({ id, name, type: 'Decision Table', executionTimeMs: ms, outputs, dependentNodeIds: [], ...extra });
const answered = (nodes: DecisionNode[], extra: Partial<DecisionTest> = {}): DecisionTest => ({ name: 'vip', model: 'Next best offer', modelRef: 'm-1', variantRef: 'v-1', sent: true, status: 200, totalMs: nodes.reduce((a, n) => a + (n.executionTimeMs ?? 0), 0), totalFrom: 'nodes', roundTripMs: 80, nodes, ...extra });
const GOOD = [node('n1', 'Loyalty lookup', 40, [{ tier: 'gold' }], { type: 'Data System' }), node('n2', 'Pick offer', 12, [{ offer: 'GOLD10', score: 0.9 }])];
const ev = (...tests: DecisionTest[]): Extract<DecisionTestsEvidence, { configured: true }> => ({ configured: true, base: BASE, auth: 'oauth', tests });
const VIP = { name: 'vip', model: 'Next best offer', guest: { loyaltyTier: 'gold' } };
const expecting = (...expect: unknown[]) => ({ tests: [{ ...VIP, expect }] });

const valid: RuleCase<DecisionTestsEvidence>[] = [
  { name: 'no error, in time, no expectation', evidence: ev(answered(GOOD)), options: { tests: [VIP] }, status: 'pass', codes: [] },
  { name: 'the expected output from the named node (extra keys allowed)', evidence: ev(answered(GOOD)), options: expecting({ node: 'Pick offer', output: { offer: 'GOLD10' } }), status: 'pass', codes: [] },
  { name: 'the expected output from any node, node by id', evidence: ev(answered(GOOD)), options: expecting({ output: { tier: 'gold' } }, { node: 'n2', output: { offer: 'GOLD10' } }), status: 'pass', codes: [] },
  { name: 'a list expected: every item found', evidence: ev(answered([node('n1', 'Rank', 5, [{ offer: 'A' }, { offer: 'B' }])])), options: expecting({ output: [{ offer: 'B' }, { offer: 'A' }] }), status: 'pass', codes: [] },
  { name: 'exactly at the budgets', evidence: ev(answered([node('n1', 'Big', 150, []), node('n2', 'Other', 150, [])])), options: { tests: [VIP], maxTotalMs: 300 }, status: 'pass', codes: [] },
  { name: 'no execution time in the reply (noted)', evidence: ev(answered([node('n1', 'A', 1, [], { executionTimeMs: undefined })], { totalMs: undefined, totalFrom: undefined })), options: { tests: [VIP] }, status: 'pass', codes: [] },
  { name: 'no test declared', evidence: ev(), status: 'skipped', codes: [] },
  { name: 'credentials not set', evidence: NOT_CONFIGURED, options: { tests: [VIP] }, status: 'skipped', codes: [] },
];

const invalid: RuleCase<DecisionTestsEvidence>[] = [
  { name: 'the model answered with an error', evidence: ev(answered([], { error: 'Unique hit policy violated', errorCause: 'RULES' })), options: { tests: [VIP] }, status: 'fail', codes: ['decision-error'] },
  { name: 'a node failed', evidence: ev(answered([node('n2', 'Pick offer', 3, [], { error: 'more than one rule matched' })])), options: { tests: [VIP] }, status: 'fail', codes: ['node-error'] },
  { name: 'the wrong offer', evidence: ev(answered(GOOD)), options: expecting({ node: 'Pick offer', output: { offer: 'WELCOME5' } }), status: 'fail', codes: ['output-missing'] },
  { name: 'a node that is not in the reply', evidence: ev(answered(GOOD)), options: expecting({ node: 'Score', output: { offer: 'GOLD10' } }), status: 'fail', codes: ['node-not-found'] },
  { name: 'not found in outputs that were cut', evidence: ev(answered([node('n1', 'Rank', 5, [{ offer: 'A' }], { outputsCut: true })])), options: expecting({ output: { offer: 'Z' } }), status: 'warn', codes: ['output-unverified'] },
  { name: 'over the total budget', evidence: ev(answered(GOOD, { totalMs: 420, totalFrom: 'answer' })), options: { tests: [VIP] }, status: 'fail', codes: ['decision-too-slow'] },
  { name: 'one node over the node budget', evidence: ev(answered([node('n1', 'Loyalty lookup', 180, [])])), options: { tests: [VIP], maxTotalMs: 1000 }, status: 'fail', codes: ['node-too-slow'] },
  { name: 'slow in total and per node', evidence: ev(answered([node('n1', 'A', 200, []), node('n2', 'B', 160, [])])), options: { tests: [VIP] }, status: 'fail', codes: ['decision-too-slow', 'node-too-slow'] },
  { name: 'a reply without nodes', evidence: ev(answered([])), options: { tests: [VIP] }, status: 'warn', codes: ['no-nodes'] },
  { name: 'three data-system nodes', evidence: ev(answered([1, 2, 3].map((i) => node(`n${i}`, `Call ${i}`, 5, [], { type: 'Data System' })))), options: { tests: [VIP] }, status: 'warn', codes: ['model-guideline'] },
  { name: 'five programmables', evidence: ev(answered([1, 2, 3, 4, 5].map((i) => node(`n${i}`, `P${i}`, 5, [], { type: 'Programmable' })))), options: { tests: [VIP] }, status: 'warn', codes: ['model-guideline'] },
  { name: 'the test was turned down', evidence: ev({ name: 'vip', model: 'm', sent: true, status: 404, detail: 'Resource not found', nodes: [] }), options: { tests: [VIP] }, status: 'fail', codes: ['test-rejected'] },
  { name: 'no model by that name', evidence: ev({ name: 'vip', model: 'Next best ofer', sent: false, unresolved: 'model-not-found', candidates: ['Next best offer'], nodes: [] }), options: { tests: [VIP] }, status: 'fail', codes: ['model-not-found'] },
  { name: 'no single production variant', evidence: ev({ name: 'vip', model: 'Next best offer', sent: false, unresolved: 'variant-ambiguous', candidates: ['V2', 'V3'], nodes: [] }), options: { tests: [VIP] }, status: 'fail', codes: ['variant-ambiguous'] },
  { name: 'credentials refused', evidence: { ...ev(), refused: { status: 403, at: 'api' } }, options: { tests: [VIP] }, status: 'fail', codes: ['api-credentials-rejected'] },
];

describe('personalize/decision-model', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(decisionModelRule, c);
    expect(got, summary).toEqual(want);
  });

  it('lists the slowest nodes and what the model gave instead', () => {
    const v = decisionModelRule.judge(ev(answered(GOOD)), decisionModelRule.options.parse(expecting({ node: 'Pick offer', output: { offer: 'WELCOME5' } })), ruleCtx);
    expect(v.findings.map((f) => f.message)).toEqual([
      'vip: node "Pick offer" did not output {"offer":"WELCOME5"}; it gave {"offer":"GOLD10","score":0.9}',
      'vip: slowest "Loyalty lookup" 40 ms, "Pick offer" 12 ms',
    ]);
  });

  it('sends the fixtures, not the expectations, to the probe; names must be unique', () => {
    const input = decisionModelRule.probeInput({ url: 'https://api-engage-eu.sitecorecloud.io' }, decisionModelRule.options.parse(expecting({ output: { a: 1 } })));
    expect(input).toMatchObject({ tests: [{ name: 'vip', model: 'Next best offer', channel: 'WEB', guest: { loyaltyTier: 'gold' }, context: {} }] });
    expect(JSON.stringify(input)).not.toContain('expect');
    expect(decisionModelRule.options.safeParse({ tests: [VIP, VIP] }).success).toBe(false);
  });

  it('matches outputs by containment', () => {
    expect([contains({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } }), contains({ a: 1 }, { a: 2 }), contains([1, 2], [2]), contains('x', 'x'), contains({ a: [1] }, { a: 1 })]).toEqual([true, false, true, true, false]);
  });
});
