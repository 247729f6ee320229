import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, gammaP, gammaQ, logGamma } from './gamma.js';

describe('logGamma', () => {
  it('matches closed forms', () => {
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
    expect(() => logGamma(0)).toThrow(RangeError);
  });
});

describe('chiSquareSurvival (regularised upper incomplete gamma)', () => {
  // Critical values of the chi-square table (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.4, which prints
  // them to three decimals) and the upper-tail probability each one stands for.
  const TABLE: [number, number, number][] = [
    [3.841, 1, 0.05],
    [6.635, 1, 0.01],
    [10.828, 1, 0.001],
    [5.991, 2, 0.05],
    [9.21, 2, 0.01],
    [7.815, 3, 0.05],
    [18.307, 10, 0.05],
    [23.209, 10, 0.01],
    [124.342, 100, 0.05],
  ];
  it.each(TABLE)('χ² = %s with df %s → p ≈ %s', (x, df, p) => {
    // Three printed decimals of x move p in its 4th significant digit at most.
    expect(chiSquareSurvival(x, df) / p).toBeCloseTo(1, 3);
  });

  it('hits the exact quantiles to 12 digits', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(6.634896601021214, 1)).toBeCloseTo(0.01, 12);
    expect(chiSquareSurvival(9.21034037197618, 2)).toBeCloseTo(0.01, 12);
    // df 2 has the closed form e^(−x/2).
    expect(chiSquareSurvival(4, 2)).toBeCloseTo(Math.exp(-2), 14);
  });

  it('uses the series below a + 1 and the continued fraction above it, and they agree where they meet', () => {
    // df 10 (a = 5): x/2 = 1.97 takes the series, x/2 = 9.15 the continued fraction.
    expect(chiSquareSurvival(3.940299136119, 10)).toBeCloseTo(0.95, 12);
    expect(chiSquareSurvival(18.307038053275146, 10)).toBeCloseTo(0.05, 12);
    for (const a of [0.5, 2, 7.5, 40]) {
      expect(gammaP(a, a + 1 - 1e-9) + gammaQ(a, a + 1 + 1e-9)).toBeCloseTo(1, 8);
    }
  });

  it('keeps tiny tail probabilities (χ² = 40, df 1 → 2.5396e-10) and the edges', () => {
    expect(chiSquareSurvival(40, 1) / 2.539628589470864e-10).toBeCloseTo(1, 9);
    expect(chiSquareSurvival(0, 3)).toBe(1);
    expect(chiSquareSurvival(1e6, 1)).toBe(0);
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
    expect(() => gammaQ(-1, 1)).toThrow(RangeError);
  });
});
