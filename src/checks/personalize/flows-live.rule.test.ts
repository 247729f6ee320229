import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import type { FlowsEvidence } from './evidence.js';
import { flowsLiveRule } from './flows-live.rule.js';
import { flow, flowsEvidence, NOT_CONFIGURED, REFUSED_AT_TOKEN } from './test-helpers.js';

const tenant = [
  flow('home_hero', { name: 'Home hero' }),
  flow('pdp_layout_test', { status: 'SCHEDULED', subtype: 'EXPERIMENT' }),
  flow('next_offer', { status: 'PRODUCTION', type: 'INTERACTIVE_API_FLOW' }),
  flow('old_promo', { status: 'PAUSED' }),
  flow('winter_sale', { status: 'DRAFT' }),
  flow('black_friday', { status: 'COMPLETED' }),
  flow('gift_guide', { archived: true }),
  flow('cart_banner', { status: 'PUBLISHING' }),
  flow('new_teaser', { status: 'REVIEW' }),
  flow('twin_a', { name: 'Twin' }),
  flow('twin_b', { name: 'Twin' }),
];
const ev = flowsEvidence(tenant);

const valid: RuleCase<FlowsEvidence>[] = [
  { name: 'live, scheduled and production flows by friendly ID', evidence: ev, options: { flows: ['home_hero', 'pdp_layout_test', 'next_offer'] }, status: 'pass', codes: [] },
  { name: 'a flow by its name, ignoring case', evidence: ev, options: { flows: ['home HERO'] }, status: 'pass', codes: [] },
  { name: 'a declaration with pages and audiences', evidence: ev, options: { flows: [{ flow: 'home_hero', pages: ['/'], audiences: ['vip'] }] }, status: 'pass', codes: [] },
  { name: 'a live flow beside an archived copy of the same name', evidence: flowsEvidence([flow('a', { name: 'Hero' }), flow('b', { name: 'Hero', archived: true })]), options: { flows: ['Hero'] }, status: 'pass', codes: [] },
  { name: 'no flow declared', evidence: ev, status: 'skipped', codes: [] },
  { name: 'credentials not set', evidence: NOT_CONFIGURED, options: { flows: ['home_hero'] }, status: 'skipped', codes: [] },
];

const invalid: RuleCase<FlowsEvidence>[] = [
  { name: 'a paused flow', evidence: ev, options: { flows: ['old_promo'] }, status: 'fail', codes: ['flow-paused'] },
  { name: 'a draft flow', evidence: ev, options: { flows: ['winter_sale'] }, status: 'fail', codes: ['flow-draft'] },
  { name: 'a completed flow', evidence: ev, options: { flows: ['black_friday'] }, status: 'fail', codes: ['flow-completed'] },
  { name: 'an archived flow', evidence: ev, options: { flows: ['gift_guide'] }, status: 'fail', codes: ['flow-archived'] },
  { name: 'a flow still publishing', evidence: ev, options: { flows: ['cart_banner'] }, status: 'warn', codes: ['flow-publishing'] },
  { name: 'a status golive does not know', evidence: ev, options: { flows: ['new_teaser'] }, status: 'warn', codes: ['flow-status-unknown'] },
  { name: 'a flow that does not exist', evidence: ev, options: { flows: ['home_heros'] }, status: 'fail', codes: ['flow-not-found'] },
  { name: 'a name two flows share', evidence: ev, options: { flows: ['Twin'] }, status: 'fail', codes: ['flow-ambiguous'] },
  { name: 'one good, one paused, one missing', evidence: ev, options: { flows: ['home_hero', 'old_promo', 'nope'] }, status: 'fail', codes: ['flow-paused', 'flow-not-found'] },
  { name: 'credentials refused at the token endpoint', evidence: flowsEvidence([], REFUSED_AT_TOKEN), options: { flows: ['home_hero'] }, status: 'fail', codes: ['api-credentials-rejected'] },
];

describe('personalize/flows-live', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(flowsLiveRule, c);
    expect(got, summary).toEqual(want);
  });

  it('suggests the near friendly ID and says when the list was cut', () => {
    const v = flowsLiveRule.judge(flowsEvidence(tenant, { truncated: true }), flowsLiveRule.options.parse({ flows: ['home_heros'] }), ruleCtx);
    expect(v.findings[0]!.message).toBe(`no flow has the friendly ID or name "home_heros" among the first ${tenant.length} flows read; did you mean "home_hero"?`);
  });

  it('names the variables to set, and the refused credentials, in its summary', () => {
    const skipped = flowsLiveRule.judge(NOT_CONFIGURED, flowsLiveRule.options.parse({ flows: ['x'] }), ruleCtx);
    expect(skipped.summary).toBe('Not checked: SITECORE_PERSONALIZE_API_KEY and SITECORE_PERSONALIZE_API_SECRET are not set, so no flow was looked up');
    expect(skipped.findings[0]!.hint).toContain('Settings > API keys');
    const refused = flowsLiveRule.judge(flowsEvidence([], REFUSED_AT_TOKEN), flowsLiveRule.options.parse({ flows: ['x'], auth: 'oauth' }), ruleCtx);
    expect(refused.summary).toBe('A flow the site calls is missing or not live: the token endpoint answered 401 to the credentials in SITECORE_PERSONALIZE_API_KEY and SITECORE_PERSONALIZE_API_SECRET');
  });

  it('takes flows as a comma list from --with, or declarations with pages', () => {
    expect(flowsLiveRule.options.safeParse({ flows: [{ flow: 'a', pages: ['/'] }, 'b'] }).success).toBe(true);
    expect(flowsLiveRule.options.safeParse({ flows: [{ flow: 'a', page: '/' }] }).success).toBe(false);
    expect(flowsLiveRule.options.safeParse({ auth: 'bearer' }).success).toBe(false);
  });
});
