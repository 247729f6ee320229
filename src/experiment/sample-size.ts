import { normalCdf, normalQuantile } from './normal.js';

/**
 * Sample size for comparing two conversion rates with a two-proportion z-test (normal approximation),
 * the variance under H0 taken from the pooled rate p̄ = (p1 + p2) / 2 (Fleiss; R's `power.prop.test`
 * with strict = FALSE):
 *
 *   n = ( z(1−α/s)·√(2·p̄·(1−p̄)) + z(power)·√(p1·(1−p1) + p2·(1−p2)) )² / (p2 − p1)²     per arm, s = sides
 */

export interface TwoProportions {
  /** Rate in the control arm. */
  p1: number;
  /** Rate in a treatment arm that the test must detect. */
  p2: number;
  /** Significance level of one comparison. */
  alpha: number;
  /** 1 for a one-sided test, 2 for two-sided. */
  sides: 1 | 2;
}

function terms({ p1, p2, alpha, sides }: TwoProportions) {
  const pooled = (p1 + p2) / 2;
  return {
    zAlpha: normalQuantile(1 - alpha / sides),
    nullSd: Math.sqrt(2 * pooled * (1 - pooled)),
    altSd: Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)),
    delta: Math.abs(p2 - p1),
  };
}

/** Visitors per arm (not rounded) for the given power. */
export function sampleSizePerArm(t: TwoProportions & { power: number }): number {
  const { zAlpha, nullSd, altSd, delta } = terms(t);
  const zPower = normalQuantile(t.power);
  return (zAlpha * nullSd + zPower * altSd) ** 2 / delta ** 2;
}

/** Power reached with n visitors per arm: the same formula solved the other way. */
export function powerWith(n: number, t: TwoProportions): number {
  const { zAlpha, nullSd, altSd, delta } = terms(t);
  return normalCdf((Math.sqrt(n) * delta - zAlpha * nullSd) / altSd);
}

/** Checked inputs of a plan (src/experiment/input.ts turns flags into one). */
export interface PlanInput {
  baseline: number;
  /** The minimum detectable effect as given: relative (0.1 = +10% of the baseline) or absolute (0.003 = +0.3 points). */
  mde: number;
  mdeKind: 'relative' | 'absolute';
  dailyVisitors: number;
  /** Arms including the control. */
  variants: number;
  /** Family-wise significance level, before the Bonferroni split. */
  alpha: number;
  power: number;
  /** Share of daily visitors that enter the experiment, 0 < traffic ≤ 1. */
  traffic: number;
  sides: 1 | 2;
}

export interface ExperimentPlan extends PlanInput {
  /** The treatment rate to detect. */
  target: number;
  /** target − baseline, and target / baseline − 1. */
  difference: number;
  relativeLift: number;
  /** Treatment-versus-control comparisons: variants − 1. */
  comparisons: number;
  /** alpha / comparisons (Bonferroni) when there are more than two arms, else alpha. */
  alphaPerComparison: number;
  zAlpha: number;
  zPower: number;
  perVariantExact: number;
  perVariant: number;
  total: number;
  /** Visitors a day entering the experiment: dailyVisitors × traffic. */
  dailyInExperiment: number;
  /** Days of traffic the total needs. */
  days: number;
  /** Whole weeks covering those days, and the days to run for. */
  weeks: number;
  runDays: number;
}

/** Rounded up to a whole visitor; the tiny slack keeps float noise on an exact integer from adding one. */
const wholeUp = (x: number) => Math.ceil(x - 1e-9);

export function targetRate(input: Pick<PlanInput, 'baseline' | 'mde' | 'mdeKind'>): number {
  return input.mdeKind === 'relative' ? input.baseline * (1 + input.mde) : input.baseline + input.mde;
}

/** The sample size per arm, the total, and how long the experiment must run. */
export function planExperiment(input: PlanInput): ExperimentPlan {
  const target = targetRate(input);
  const comparisons = input.variants - 1;
  const alphaPerComparison = input.alpha / comparisons;
  const t = { p1: input.baseline, p2: target, alpha: alphaPerComparison, sides: input.sides, power: input.power };
  const perVariantExact = sampleSizePerArm(t);
  const perVariant = wholeUp(perVariantExact);
  const total = perVariant * input.variants;
  const dailyInExperiment = input.dailyVisitors * input.traffic;
  const days = wholeUp(total / dailyInExperiment);
  const weeks = Math.max(1, Math.ceil(days / 7));
  return {
    ...input,
    target,
    difference: target - input.baseline,
    relativeLift: target / input.baseline - 1,
    comparisons,
    alphaPerComparison,
    zAlpha: normalQuantile(1 - alphaPerComparison / input.sides),
    zPower: normalQuantile(input.power),
    perVariantExact,
    perVariant,
    total,
    dailyInExperiment,
    days,
    weeks,
    runDays: weeks * 7,
  };
}
