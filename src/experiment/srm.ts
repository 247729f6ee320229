import { chiSquareSurvival } from './gamma.js';

/**
 * Sample-ratio mismatch: are the visitors counted in each arm consistent with the split the experiment
 * was set up with? Pearson's chi-square goodness of fit, χ² = Σ (observed − expected)² / expected,
 * with k − 1 degrees of freedom.
 */

export interface SrmInput {
  counts: number[];
  /** Expected split as positive weights (50,50 or 1,1,2); normalised here. */
  ratio: number[];
  names: string[];
  /** Warn when p is below warnP, fail when it is below failP (failP ≤ warnP). */
  warnP: number;
  failP: number;
}

export type SrmVerdict = 'ok' | 'warn' | 'fail';

export interface SrmArm {
  name: string;
  observed: number;
  expected: number;
  expectedShare: number;
  observedShare: number;
  /** observed − expected. */
  difference: number;
  /** observed / expected − 1: positive when the arm is over-represented. */
  relativeDifference: number;
  /** This arm's term of the χ² sum. */
  contribution: number;
}

export interface SrmResult {
  verdict: SrmVerdict;
  chiSquare: number;
  df: number;
  pValue: number;
  warnP: number;
  failP: number;
  total: number;
  arms: SrmArm[];
  /** The arm furthest from its expected count (largest χ² term). */
  mostOff: string;
  notes: string[];
}

/** Below this expected count the chi-square approximation is known to be poor (Cochran's rule). */
export const MIN_EXPECTED = 5;

export function verdictFor(pValue: number, warnP: number, failP: number): SrmVerdict {
  return pValue < failP ? 'fail' : pValue < warnP ? 'warn' : 'ok';
}

export function srmCheck(input: SrmInput): SrmResult {
  const total = input.counts.reduce((a, b) => a + b, 0);
  const weight = input.ratio.reduce((a, b) => a + b, 0);
  const arms: SrmArm[] = input.counts.map((observed, i) => {
    const expectedShare = input.ratio[i]! / weight;
    const expected = total * expectedShare;
    const difference = observed - expected;
    return {
      name: input.names[i]!,
      observed,
      expected,
      expectedShare,
      observedShare: total === 0 ? 0 : observed / total,
      difference,
      relativeDifference: observed / expected - 1,
      contribution: difference ** 2 / expected,
    };
  });
  const chiSquare = arms.reduce((sum, a) => sum + a.contribution, 0);
  const df = arms.length - 1;
  const pValue = chiSquareSurvival(chiSquare, df);
  const mostOff = arms.reduce((worst, a) => (a.contribution > worst.contribution ? a : worst), arms[0]!).name;
  const small = arms.filter((a) => a.expected < MIN_EXPECTED).map((a) => a.name);
  const notes = small.length
    ? [`expected count below ${MIN_EXPECTED} in ${small.join(', ')}: too few visitors for the chi-square approximation to be reliable; check again with more traffic`]
    : [];
  return { verdict: verdictFor(pValue, input.warnP, input.failP), chiSquare, df, pValue, warnP: input.warnP, failP: input.failP, total, arms, mostOff, notes };
}
