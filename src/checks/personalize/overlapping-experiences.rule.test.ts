import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import type { Flow, FlowsEvidence } from './evidence.js';
import { overlappingExperiencesRule } from './overlapping-experiences.rule.js';
import { overlap } from './pages.js';
import { flow, flowsEvidence, NOT_CONFIGURED, REFUSED_AT_TOKEN } from './test-helpers.js';

// ruleCtx.now is 2026-11-20T10:00:00Z.
const web = (id: string, startDate: string, endDate?: string, extra: Partial<Flow> = {}) => flow(id, { schedule: { startDate, ...(endDate ? { endDate } : {}) }, ...extra });
const HERO = web('home_hero', '2026-11-25T00:00:00Z', '2026-12-31T00:00:00Z', { name: 'Home hero' });
const SALE = web('winter_sale', '2026-12-15T00:00:00Z', '2027-01-15T00:00:00Z', { name: 'Winter sale' });
const LATER = web('spring', '2027-02-01T00:00:00Z');
const pages = (hero: string[], sale: string[]) => ({ flows: [{ flow: 'home_hero', pages: hero }, { flow: 'winter_sale', pages: sale }] });

const valid: RuleCase<FlowsEvidence>[] = [
  { name: 'different pages at the same time', evidence: flowsEvidence([HERO, SALE]), options: pages(['/'], ['/sale/*']), status: 'pass', codes: [] },
  { name: 'the same page at different times', evidence: flowsEvidence([HERO, LATER]), status: 'pass', codes: [] },
  { name: 'an overlap that ended before now', evidence: flowsEvidence([web('a', '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z'), web('b', '2026-10-15T00:00:00Z')]), status: 'pass', codes: [] },
  { name: 'a paused flow does not count', evidence: flowsEvidence([HERO, { ...SALE, status: 'PAUSED' }]), status: 'pass', codes: [] },
  { name: 'an interactive (API) flow does not count', evidence: flowsEvidence([HERO, { ...SALE, type: 'INTERACTIVE_API_FLOW' }]), status: 'pass', codes: [] },
  { name: 'undeclared flows skipped when told to', evidence: flowsEvidence([HERO, SALE]), options: { undeclaredPages: 'skip' }, status: 'pass', codes: [] },
  { name: 'one flow ending as the other starts', evidence: flowsEvidence([web('a', '2026-11-01T00:00:00Z', '2026-12-15T00:00:00Z'), SALE]), status: 'pass', codes: [] },
  { name: 'credentials not set', evidence: NOT_CONFIGURED, status: 'skipped', codes: [] },
];

const invalid: RuleCase<FlowsEvidence>[] = [
  { name: 'two flows without declared pages in the same weeks', evidence: flowsEvidence([HERO, SALE]), status: 'warn', codes: ['experiences-overlap'] },
  { name: 'the same page declared for both', evidence: flowsEvidence([HERO, SALE]), options: pages(['/', '/cart'], ['/cart']), status: 'warn', codes: ['experiences-overlap'] },
  { name: 'a prefix covering a page', evidence: flowsEvidence([HERO, SALE]), options: pages(['/products/*'], ['/products/boots']), status: 'warn', codes: ['experiences-overlap'] },
  { name: 'a declared flow and an undeclared one (every page)', evidence: flowsEvidence([HERO, SALE]), options: { flows: [{ flow: 'home_hero', pages: ['/'] }] }, status: 'warn', codes: ['experiences-overlap'] },
  { name: 'three flows on every page: three pairs', evidence: flowsEvidence([HERO, SALE, web('c', '2026-12-20T00:00:00Z')]), status: 'warn', codes: ['experiences-overlap', 'experiences-overlap', 'experiences-overlap'] },
  { name: 'a web experiment and an experience', evidence: flowsEvidence([HERO, { ...SALE, subtype: 'EXPERIMENT' }]), status: 'warn', codes: ['experiences-overlap'] },
  { name: 'credentials refused', evidence: flowsEvidence([], REFUSED_AT_TOKEN), status: 'fail', codes: ['api-credentials-rejected'] },
];

describe('personalize/overlapping-experiences', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(overlappingExperiencesRule, c);
    expect(got, summary).toEqual(want);
  });

  it('names both flows, the shared pages and the overlapping dates', () => {
    const v = overlappingExperiencesRule.judge(flowsEvidence([HERO, SALE]), overlappingExperiencesRule.options.parse(pages(['/', '/cart'], ['/cart', '/sale/*'])), ruleCtx);
    expect(v.findings).toEqual([expect.objectContaining({
      severity: 'warn', subject: 'home_hero + winter_sale',
      message: '"Home hero" (home_hero) and "Winter sale" (winter_sale) both run on /cart from 2026-12-15T00:00Z to 2026-12-31T00:00Z',
    })]);
  });

  it('says when pages were assumed and when a flow has no dates', () => {
    const v = overlappingExperiencesRule.judge(flowsEvidence([web('a', 'x'), web('b', '2026-12-01T00:00:00Z')]), overlappingExperiencesRule.options.parse({}), ruleCtx);
    expect(v.findings[0]!.message).toBe('"a" and "b" both run on every page from 2026-12-01T00:00Z with no end date (no pages declared for "a" and "b": every page assumed)');
  });

  it('compares page patterns', () => {
    expect([overlap('*', '/a'), overlap('/a/*', '/a/b'), overlap('/a/b*', '/a/*'), overlap('/a', '/b'), overlap('/a/*', '/b/*'), overlap('/cart', '/cart')]).toEqual(['/a', '/a/b', '/a/b*', undefined, undefined, '/cart']);
  });
});
