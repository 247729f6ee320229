import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { parseShare, planInput, srmInput, type PlanFlags, type SrmFlags } from './input.js';

const FLAGS: PlanFlags = { baseline: '3%', mde: '10%', dailyVisitors: '20000' };

/** The UsageError a call throws, so its message and hint can be checked together. */
function usage(fn: () => unknown): UsageError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('expected a UsageError');
}

describe('parseShare', () => {
  it.each([
    ['3%', 0.03],
    ['0.03', 0.03],
    [' 12.5 % ', 0.125],
    ['.5', 0.5],
    ['1', 1],
    ['100%', 1],
  ])('%s → %s', (text, value) => {
    expect(parseShare('--x', text, '3%')).toBeCloseTo(value, 15);
  });

  it('refuses a bare number above 1 and words, suggesting both spellings', () => {
    expect(usage(() => parseShare('--baseline', '3', '3%'))).toMatchObject({ message: '--baseline 3: a bare number above 1 is ambiguous', hint: 'write a percent (--baseline 3%) or a fraction between 0 and 1 (--baseline 0.03)' });
    expect(usage(() => parseShare('--baseline', 'three', '3%')).message).toBe('--baseline three: not a number');
    expect(usage(() => parseShare('--baseline', '%', '3%')).hint).toBe('write a percent or a fraction, e.g. --baseline 3%');
  });
});

describe('planInput', () => {
  it('fills the defaults: 2 arms, α 5% two-sided, power 80%, all traffic, a relative MDE', () => {
    expect(planInput(FLAGS)).toEqual({ baseline: 0.03, mde: 0.1, mdeKind: 'relative', dailyVisitors: 20000, variants: 2, alpha: 0.05, power: 0.8, traffic: 1, sides: 2 });
  });

  it('reads every flag, fractions and percents alike, and thousands separators in visitors', () => {
    const input = planInput({ baseline: '0.2', mde: '0.5%', dailyVisitors: '1,500', variants: '3', alpha: '1%', power: '0.9', traffic: '25%', absolute: true, oneSided: true });
    expect(input).toEqual({ baseline: 0.2, mde: 0.005, mdeKind: 'absolute', dailyVisitors: 1500, variants: 3, alpha: 0.01, power: 0.9, traffic: 0.25, sides: 1 });
  });

  const CASES: [string, Partial<PlanFlags>, RegExp, RegExp][] = [
    ['baseline of 100%', { baseline: '100%' }, /^--baseline 100%: the baseline conversion rate must be above 0% and below 100%$/, /--baseline 3%/],
    ['baseline of 0', { baseline: '0' }, /^--baseline 0: /, /share of visitors who convert/],
    ['negative MDE', { mde: '-5%' }, /^--mde -5%: the minimum detectable effect must be above 0$/, /relative to the baseline/],
    ['relative MDE past 100%', { baseline: '60%', mde: '80%' }, /^--mde 80%: the target rate would be 108%, and a rate must stay below 100%$/, /with --baseline 60% the relative effect must be below 66.67%; for percentage points add --absolute/],
    ['absolute MDE past 100%', { baseline: '60%', mde: '40%', absolute: true }, /^--mde 40%: the target rate would be 100%/, /absolute effect must be below 40%$/],
    ['one arm', { variants: '1' }, /^--variants 1: expected a whole number from 2 to 100$/, /including the control/],
    ['fractional arms', { variants: '2.5' }, /^--variants 2.5: /, /--variants 2 for an A\/B test/],
    ['power of 100%', { power: '100%' }, /^--power 100%: power must be above 0 and below 1 \(100%\)$/, /usually --power 80% or 90%/],
    ['power of 0', { power: '0' }, /^--power 0: /, /--power 80%/],
    ['power below 50%', { power: '30%' }, /^--power 30%: below 50% the experiment misses a real effect more often than it finds it$/, /80% or 90%/],
    ['alpha above 50%', { alpha: '0.6' }, /^--alpha 0.6: the significance level must be above 0 and at most 50%$/, /--alpha 5% or 1%/],
    ['no traffic', { traffic: '0%' }, /^--traffic 0%: the traffic share must be above 0% and at most 100%$/, /--traffic 50%/],
    ['traffic over 100%', { traffic: '120%' }, /^--traffic 120%: /, /share of daily visitors/],
    ['no visitors', { dailyVisitors: '0' }, /^--daily-visitors 0: expected a positive number$/, /--daily-visitors 20000/],
    ['visitors as words', { dailyVisitors: 'lots' }, /^--daily-visitors lots: /, /20000/],
  ];
  it.each(CASES)('refuses %s, naming the flag with a hint', (_, flags, message, hint) => {
    const err = usage(() => planInput({ ...FLAGS, ...flags }));
    expect(err.message).toMatch(message);
    expect(err.hint).toMatch(hint);
  });
});

describe('srmInput', () => {
  it('defaults to an equal split, arms A, B, … and thresholds 0.01 / 0.001', () => {
    expect(srmInput({ counts: '50123,49211' })).toEqual({ counts: [50123, 49211], ratio: [1, 1], names: ['A', 'B'], warnP: 0.01, failP: 0.001 });
  });

  it('reads ratios as weights or percents, names, thresholds and underscores in counts', () => {
    expect(srmInput({ counts: '8_000, 1000, 1000', ratio: '80%,10%,10%', names: 'control,red,blue', warnP: '0.05', failP: '1%' }))
      .toEqual({ counts: [8000, 1000, 1000], ratio: [80, 10, 10], names: ['control', 'red', 'blue'], warnP: 0.05, failP: 0.01 });
  });

  const CASES: [string, SrmFlags, RegExp, RegExp][] = [
    ['one count', { counts: '500' }, /^--counts 500: at least two arms are needed$/, /--counts 50123,49211/],
    ['a decimal count', { counts: '500,49.5' }, /^--counts 500,49.5: "49.5" is not a whole number of visitors$/, /control first/],
    ['a gap', { counts: '500,,400' }, /^--counts 500,,400: an empty item in the list$/, /no gaps/],
    ['all zero', { counts: '0,0' }, /^--counts 0,0: every count is 0$/, /once visitors have been assigned/],
    ['ratio of another length', { counts: '1,2,3', ratio: '50,50' }, /^--ratio 50,50: 2 weights for 3 counts$/, /--ratio 33,33,33/],
    ['a zero weight', { counts: '1,2', ratio: '100,0' }, /^--ratio 100,0: "0" is not a positive weight$/, /one positive weight per arm/],
    ['names of another length', { counts: '1,2', names: 'a' }, /^--names a: 1 names for 2 counts$/, /--names control,treatment/],
    ['repeated names', { counts: '1,2', names: 'a,a' }, /^--names a,a: names repeat$/, /its own name/],
    ['a p-value of 1', { counts: '1,2', warnP: '1' }, /^--warn-p 1: a p-value threshold must be above 0 and below 1$/, /--warn-p 0.01 --fail-p 0.001/],
    ['fail above warn', { counts: '1,2', warnP: '0.001', failP: '0.01' }, /^--fail-p 0.01: above --warn-p 0.001$/, /at or below --warn-p/],
  ];
  it.each(CASES)('refuses %s, naming the flag with a hint', (_, flags, message, hint) => {
    const err = usage(() => srmInput(flags));
    expect(err.message).toMatch(message);
    expect(err.hint).toMatch(hint);
  });
});
