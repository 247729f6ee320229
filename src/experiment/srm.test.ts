import { describe, expect, it } from 'vitest';
import { srmCheck, verdictFor, type SrmInput } from './srm.js';

const equal = (counts: number[], extra: Partial<SrmInput> = {}): SrmInput => ({
  counts,
  ratio: counts.map(() => 1),
  names: counts.map((_, i) => String.fromCharCode(65 + i)),
  warnP: 0.01,
  failP: 0.001,
  ...extra,
});

describe('srmCheck against published examples', () => {
  // Lukas Vermeer's SRM Checker FAQ, "How can we detect Sample Ratio Mismatch?":
  // https://www.lukasvermeer.nl/srm/docs/faq/ — scipy.stats.chisquare([502, 498], [500, 500]) gives p = 0.899,
  // and the 600 / 400 split of 1000 visitors is an SRM; Wikipedia's "Sample ratio mismatch" article
  // (https://en.wikipedia.org/wiki/Sample_ratio_mismatch, section Example) gives that case p = 2.54 × 10⁻¹⁰.
  it('502 / 498 on a 50/50 split: p = 0.899, no mismatch', () => {
    const r = srmCheck(equal([502, 498]));
    expect(r.chiSquare).toBeCloseTo(0.016, 12);
    expect(r.pValue).toBeCloseTo(0.899, 3);
    expect(r.verdict).toBe('ok');
  });

  it('600 / 400 on a 50/50 split: χ² = 40, p = 2.54e-10, a mismatch with A over- and B under-represented by 20%', () => {
    const r = srmCheck(equal([600, 400]));
    expect(r.chiSquare).toBe(40);
    expect(r.df).toBe(1);
    expect(r.pValue / 2.54e-10).toBeCloseTo(1, 2);
    expect(r.verdict).toBe('fail');
    expect(r.arms.map((a) => [a.name, a.expected, a.difference])).toEqual([['A', 500, 100], ['B', 500, -100]]);
    expect(r.arms[0]!.relativeDifference).toBeCloseTo(0.2, 12);
    expect(r.arms[1]!.relativeDifference).toBeCloseTo(-0.2, 12);
  });

  // The same FAQ, "Why should we care about Sample Ratio Mismatch?": a 50/50 test with 9463 subjects in
  // control and 7681 in treatment, "SRM p-value" printed as R's floor of < 2.2e-16.
  it('9463 / 7681 on a 50/50 split: p far below 2.2e-16', () => {
    const r = srmCheck(equal([9463, 7681]));
    expect(r.pValue).toBeLessThan(2.2e-16);
    expect(r.pValue).toBeGreaterThan(0);
    expect(r.verdict).toBe('fail');
  });

  // Jeffrey Wong, "Controlled randomization" (https://jeffwong.github.io/posts/controlled_randomization/index.html):
  // chisq.test(c(10100, 9990), p = c(.5, .5)) prints X-squared = 0.60229, df = 1, p-value = 0.4377.
  it('10100 / 9990 on a 50/50 split: X-squared = 0.60229, p-value = 0.4377', () => {
    const r = srmCheck(equal([10100, 9990]));
    expect(r.chiSquare).toBeCloseTo(0.60229, 5);
    expect(r.pValue).toBeCloseTo(0.4377, 4);
    expect(r.verdict).toBe('ok');
  });
});

describe('srmCheck', () => {
  it('weights the expected split by --ratio and normalises any positive weights', () => {
    const byPercent = srmCheck(equal([8000, 2000], { ratio: [80, 20] }));
    const byWeight = srmCheck(equal([8000, 2000], { ratio: [4, 1] }));
    expect(byPercent.chiSquare).toBe(0);
    expect(byPercent.pValue).toBe(1);
    expect(byWeight.arms.map((a) => a.expectedShare)).toEqual([0.8, 0.2]);
    expect(srmCheck(equal([8000, 2000])).verdict).toBe('fail');
  });

  it('uses k − 1 degrees of freedom and names the arm furthest from its share', () => {
    const r = srmCheck(equal([10000, 10050, 9600]));
    expect(r.df).toBe(2);
    expect(r.mostOff).toBe('C');
    const c = r.arms[2]!;
    expect(c.expected).toBeCloseTo(29650 / 3, 9);
    expect(c.relativeDifference).toBeLessThan(0);
    // χ² by hand: Σ (o − e)² / e.
    const e = 29650 / 3;
    expect(r.chiSquare).toBeCloseTo(((10000 - e) ** 2 + (10050 - e) ** 2 + (9600 - e) ** 2) / e, 9);
  });

  it('warns between the thresholds and fails below the failing one', () => {
    expect(verdictFor(0.5, 0.01, 0.001)).toBe('ok');
    expect(verdictFor(0.01, 0.01, 0.001)).toBe('ok');
    expect(verdictFor(0.005, 0.01, 0.001)).toBe('warn');
    expect(verdictFor(0.001, 0.01, 0.001)).toBe('warn');
    expect(verdictFor(0.0009, 0.01, 0.001)).toBe('fail');
    // 50,000 visitors, a 50.6 / 49.4 split: χ² = 7.2, p ≈ 0.0073.
    const r = srmCheck(equal([25300, 24700]));
    expect(r.pValue).toBeCloseTo(0.00729, 5);
    expect(r.verdict).toBe('warn');
  });

  it('notes when expected counts are too small for the approximation', () => {
    expect(srmCheck(equal([3, 1])).notes).toEqual([expect.stringMatching(/expected count below 5 in A, B/)]);
    expect(srmCheck(equal([30, 10])).notes).toEqual([]);
  });
});
