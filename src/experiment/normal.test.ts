import { describe, expect, it } from 'vitest';
import { erfc, normalCdf, normalQuantile } from './normal.js';

// Reference quantiles: R's qnorm() to 16 significant digits (the values printed in every z-table,
// e.g. 1.959963984540054 for a two-sided 5% test and 0.8416212335729143 for 80% power).
const QUANTILES: [number, number][] = [
  [0.5, 0],
  [0.8, 0.8416212335729143],
  [0.9, 1.2815515655446004],
  [0.95, 1.6448536269514722],
  [0.975, 1.959963984540054],
  [0.995, 2.5758293035489004],
  [0.9995, 3.2905267314918945],
  [0.02, -2.0537489106318225],
  [1e-10, -6.361340902404056],
];

describe('normalQuantile', () => {
  it.each(QUANTILES)('Φ⁻¹(%s) = %s to 12 digits', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
  });

  it('keeps its relative precision deep in the tail, on both branches of the approximation', () => {
    for (const p of [1e-15, 1e-8, 0.001, 0.02, 0.03, 0.3]) expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 12);
    expect(normalQuantile(0.75)).toBe(-normalQuantile(0.25));
  });

  it('inverts Φ: Φ(Φ⁻¹(p)) = p on a grid', () => {
    for (let p = 0.0005; p < 1; p += 0.0371) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
  });

  it('refuses p outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, 1.5, NaN]) expect(() => normalQuantile(p)).toThrow(RangeError);
  });
});

describe('normalCdf and erfc', () => {
  it('matches known values', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 14);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145705, 14);
    // The far tail keeps its relative precision: Φ(−8) = 6.22096057427178e-16.
    expect(normalCdf(-8) / 6.22096057427178e-16).toBeCloseTo(1, 10);
    expect(erfc(0)).toBe(1);
    expect(erfc(-1) + erfc(1)).toBeCloseTo(2, 14);
    expect(erfc(1)).toBeCloseTo(0.15729920705028513, 14);
  });
});
