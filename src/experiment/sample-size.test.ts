import { describe, expect, it } from 'vitest';
import { planExperiment, powerWith, sampleSizePerArm, type PlanInput } from './sample-size.js';

const TWO_SIDED_5 = { alpha: 0.05, sides: 2 as const };

describe('sampleSizePerArm against published worked examples', () => {
  // R's own documentation of power.prop.test (stats package), section Examples:
  // https://stat.ethz.ch/R-manual/R-devel/library/stats/html/power.prop.test.html
  // R solves the same equation with uniroot ("at least four significant digits"); strict = FALSE is
  // its default and is the formula used here, so the numbers agree to the digits R prints.
  it('R: power.prop.test(p1 = .50, p2 = .75, power = .90) => n = 76.7', () => {
    expect(sampleSizePerArm({ p1: 0.5, p2: 0.75, power: 0.9, ...TWO_SIDED_5 })).toBeCloseTo(76.7, 1);
  });

  it('R: power.prop.test(n = 50, p1 = .50, p2 = .75) => power = 0.740', () => {
    expect(powerWith(50, { p1: 0.5, p2: 0.75, ...TWO_SIDED_5 })).toBeCloseTo(0.74, 3);
  });

  it('R: power.prop.test(p1 = .5, p2 = 0.501, sig.level = .001, power = 0.90) => n = 10451937 (a tiny effect at a strict level)', () => {
    expect(Math.round(sampleSizePerArm({ p1: 0.5, p2: 0.501, power: 0.9, alpha: 0.001, sides: 2 }))).toBe(10451937);
  });

  it('R: power.prop.test(p1 = 0.90, p2 = 1.0, power = 0.8) => n = 73.37 (a rate at the edge)', () => {
    expect(sampleSizePerArm({ p1: 0.9, p2: 1, power: 0.8, ...TWO_SIDED_5 })).toBeCloseTo(73.37, 2);
  });

  // University of Virginia Library StatLab, "Power and sample size analysis in R", chapter 2 "Proportion
  // tests", section 2.1.1: https://uvastatlab.github.io/pass_in_R/p_tests.html
  // The page also shows pwr.2p.test's answer for the second case, n = 567.2579: that package uses Cohen's
  // arcsine effect size h instead of the pooled normal approximation, so it differs by about 2.4%.
  it('UVA StatLab: 30% vs 25%, power 0.9, two-sided 5% => n = 1673.856 per group (1674 to observe)', () => {
    const n = sampleSizePerArm({ p1: 0.3, p2: 0.25, power: 0.9, ...TWO_SIDED_5 });
    expect(n).toBeCloseTo(1673.856, 3);
    expect(Math.ceil(n)).toBe(1674);
  });

  it('UVA StatLab: 5% vs 10%, power 0.9, two-sided 5% => n = 581.0821 per group (582 to observe)', () => {
    const n = sampleSizePerArm({ p1: 0.05, p2: 0.1, power: 0.9, ...TWO_SIDED_5 });
    expect(n).toBeCloseTo(581.0821, 4);
    expect(Math.ceil(n)).toBe(582);
  });

  // JMP 13.2 documentation, Design of Experiments > Sample Size and Power > Two Sample Proportions:
  // https://jmp.com/support/help/13-2/Two_Sample_Proportions.shtml — proportions 0.08 and 0.06, alpha 0.05,
  // two-sided, null difference 0, power 0.8: "sample sizes of 2554". JMP reports whole visitors per group.
  it('JMP: 8% vs 6%, power 0.8, two-sided 5% => 2554 per group', () => {
    expect(Math.ceil(sampleSizePerArm({ p1: 0.08, p2: 0.06, power: 0.8, ...TWO_SIDED_5 }))).toBe(2554);
  });
});

describe('sampleSizePerArm properties', () => {
  const base = { p1: 0.03, power: 0.8, ...TWO_SIDED_5 };

  it('needs fewer visitors as the effect to detect grows', () => {
    const sizes = [0.031, 0.032, 0.035, 0.04, 0.06, 0.1].map((p2) => sampleSizePerArm({ ...base, p2 }));
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThan(sizes[i - 1]!);
  });

  it('needs more visitors for more power and for a stricter significance level', () => {
    const byPower = [0.5, 0.7, 0.8, 0.9, 0.95, 0.99].map((power) => sampleSizePerArm({ ...base, p2: 0.033, power }));
    for (let i = 1; i < byPower.length; i++) expect(byPower[i]).toBeGreaterThan(byPower[i - 1]!);
    const byAlpha = [0.1, 0.05, 0.01, 0.001].map((alpha) => sampleSizePerArm({ ...base, p2: 0.033, alpha }));
    for (let i = 1; i < byAlpha.length; i++) expect(byAlpha[i]).toBeGreaterThan(byAlpha[i - 1]!);
  });

  it('a one-sided test at α equals a two-sided one at 2α, and needs fewer visitors than two-sided at α', () => {
    const one = sampleSizePerArm({ ...base, p2: 0.033, sides: 1 });
    expect(one).toBeCloseTo(sampleSizePerArm({ ...base, p2: 0.033, alpha: 0.1 }), 6);
    expect(one).toBeLessThan(sampleSizePerArm({ ...base, p2: 0.033 }));
  });

  it('powerWith inverts sampleSizePerArm', () => {
    for (const power of [0.6, 0.8, 0.9, 0.99]) {
      const n = sampleSizePerArm({ ...base, p2: 0.036, power });
      expect(powerWith(n, { ...base, p2: 0.036 })).toBeCloseTo(power, 10);
    }
  });
});

const PLAN: PlanInput = { baseline: 0.03, mde: 0.1, mdeKind: 'relative', dailyVisitors: 20000, variants: 2, alpha: 0.05, power: 0.8, traffic: 1, sides: 2 };

describe('planExperiment', () => {
  it('turns a relative MDE into the target rate, rounds visitors up and counts days and whole weeks', () => {
    const plan = planExperiment(PLAN);
    expect(plan.target).toBeCloseTo(0.033, 15);
    expect(plan.difference).toBeCloseTo(0.003, 15);
    expect(plan.perVariantExact).toBeCloseTo(53210.3, 1);
    expect(plan).toMatchObject({ comparisons: 1, alphaPerComparison: 0.05, perVariant: 53211, total: 106422, dailyInExperiment: 20000, days: 6, weeks: 1, runDays: 7 });
  });

  it('takes an absolute MDE in rate units', () => {
    const plan = planExperiment({ ...PLAN, mde: 0.003, mdeKind: 'absolute' });
    expect(plan.target).toBeCloseTo(0.033, 15);
    expect(plan.relativeLift).toBeCloseTo(0.1, 12);
    expect(plan.perVariant).toBe(53211);
  });

  it('splits alpha over the comparisons with the control when there are more than two arms (Bonferroni)', () => {
    const plan = planExperiment({ ...PLAN, variants: 4 });
    expect(plan.comparisons).toBe(3);
    expect(plan.alphaPerComparison).toBeCloseTo(0.05 / 3, 15);
    expect(plan.perVariant).toBe(Math.ceil(sampleSizePerArm({ p1: 0.03, p2: 0.033, power: 0.8, alpha: 0.05 / 3, sides: 2 })));
    expect(plan.total).toBe(plan.perVariant * 4);
    expect(plan.perVariant).toBeGreaterThan(planExperiment(PLAN).perVariant);
  });

  it('counts only the traffic share that enters the experiment, and rounds days up to whole weeks', () => {
    const half = planExperiment({ ...PLAN, traffic: 0.5 });
    expect(half.dailyInExperiment).toBe(10000);
    expect(half.days).toBe(Math.ceil(106422 / 10000));
    expect(half).toMatchObject({ days: 11, weeks: 2, runDays: 14 });
    const slow = planExperiment({ ...PLAN, dailyVisitors: 1000 });
    expect(slow).toMatchObject({ days: 107, weeks: 16, runDays: 112 });
  });

  it('asks for at least one whole week even when a day of traffic is enough', () => {
    expect(planExperiment({ ...PLAN, dailyVisitors: 10_000_000 })).toMatchObject({ days: 1, weeks: 1, runDays: 7 });
  });
});
