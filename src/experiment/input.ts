import { UsageError } from '../errors.js';
import { targetRate, type PlanInput } from './sample-size.js';
import type { SrmInput } from './srm.js';

/**
 * Flags of `golive experiment plan` and `golive experiment srm` turned into checked inputs. Every
 * problem is a UsageError naming the flag, with a hint that shows a valid value.
 */

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

function bad(flag: string, value: string, why: string, hint: string): UsageError {
  return new UsageError(`${flag} ${value}: ${why}`, { hint });
}

/** "3%" → 0.03, "0.03" → 0.03; a bare number above 1 is ambiguous (3 what?) and refused. */
export function parseShare(flag: string, value: string, example: string): number {
  const text = value.trim();
  const percent = text.endsWith('%');
  const digits = percent ? text.slice(0, -1).trim() : text;
  if (!NUMBER.test(digits)) throw bad(flag, value, 'not a number', `write a percent or a fraction, e.g. ${flag} ${example}`);
  const n = Number(digits);
  if (!percent && n > 1) throw bad(flag, value, 'a bare number above 1 is ambiguous', `write a percent (${flag} ${n}%) or a fraction between 0 and 1 (${flag} ${n / 100})`);
  return percent ? n / 100 : n;
}

/** A share strictly inside (min, max), or up to max when `maxIncluded`. */
function share(flag: string, value: string, example: string, range: { max: number; maxIncluded?: boolean; why: string; hint: string }): number {
  const n = parseShare(flag, value, example);
  const tooHigh = range.maxIncluded ? n > range.max : n >= range.max;
  if (!(n > 0) || tooHigh) throw bad(flag, value, range.why, range.hint);
  return n;
}

function positiveNumber(flag: string, value: string, example: string): number {
  const digits = value.trim().replace(/[_,](?=\d{3}\b)/g, '');
  const n = Number(digits);
  if (!NUMBER.test(digits) || !(n > 0) || !Number.isFinite(n)) throw bad(flag, value, 'expected a positive number', `e.g. ${flag} ${example}`);
  return n;
}

function wholeNumber(flag: string, value: string, min: number, max: number, hint: string): number {
  const n = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) throw bad(flag, value, `expected a whole number from ${min} to ${max}`, hint);
  return n;
}

export interface PlanFlags {
  baseline: string;
  mde: string;
  dailyVisitors: string;
  variants?: string;
  alpha?: string;
  power?: string;
  traffic?: string;
  absolute?: boolean;
  oneSided?: boolean;
}

const pct = (x: number) => `${Number((x * 100).toPrecision(4))}%`;

function mdeOf(flags: PlanFlags, baseline: number): number {
  const kind = flags.absolute ? 'absolute' : 'relative';
  const mde = share('--mde', flags.mde, flags.absolute ? '0.3%' : '10%', {
    max: Infinity,
    why: 'the minimum detectable effect must be above 0',
    hint: flags.absolute ? 'with --absolute it is in percentage points: --mde 0.3% detects 3% → 3.3%' : 'it is relative to the baseline: --mde 10% detects 3% → 3.3%',
  });
  const target = targetRate({ baseline, mde, mdeKind: kind });
  if (target >= 1) {
    const largest = kind === 'relative' ? pct((1 - baseline) / baseline) : pct(1 - baseline);
    throw bad('--mde', flags.mde, `the target rate would be ${pct(target)}, and a rate must stay below 100%`,
      `with --baseline ${pct(baseline)} the ${kind} effect must be below ${largest}${kind === 'relative' ? '; for percentage points add --absolute' : ''}`);
  }
  return mde;
}

export function planInput(flags: PlanFlags): PlanInput {
  const baseline = share('--baseline', flags.baseline, '3%', { max: 1, why: 'the baseline conversion rate must be above 0% and below 100%', hint: 'the share of visitors who convert today, e.g. --baseline 3% or --baseline 0.03' });
  const power = share('--power', flags.power ?? '0.8', '80%', { max: 1, why: 'power must be above 0 and below 1 (100%)', hint: 'the chance of detecting an effect of the MDE when it is there; usually --power 80% or 90%' });
  if (power < 0.5) throw bad('--power', flags.power ?? '', 'below 50% the experiment misses a real effect more often than it finds it', 'plan for --power 80% or 90%');
  return {
    baseline,
    mde: mdeOf(flags, baseline),
    mdeKind: flags.absolute ? 'absolute' : 'relative',
    dailyVisitors: positiveNumber('--daily-visitors', flags.dailyVisitors, '20000'),
    variants: wholeNumber('--variants', flags.variants ?? '2', 2, 100, 'count every arm including the control: --variants 2 for an A/B test, 3 for A/B/C'),
    alpha: share('--alpha', flags.alpha ?? '0.05', '5%', { max: 0.5, maxIncluded: true, why: 'the significance level must be above 0 and at most 50%', hint: 'the accepted chance of a false positive; usually --alpha 5% or 1%' }),
    power,
    traffic: share('--traffic', flags.traffic ?? '100%', '50%', { max: 1, maxIncluded: true, why: 'the traffic share must be above 0% and at most 100%', hint: 'the share of daily visitors that enter the experiment, e.g. --traffic 50%' }),
    sides: flags.oneSided ? 1 : 2,
  };
}

export interface SrmFlags {
  counts: string;
  ratio?: string;
  names?: string;
  warnP?: string;
  failP?: string;
}

function list(flag: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw bad(flag, value, 'an empty item in the list', `separate values with commas and no gaps, e.g. ${flag} 50,50`);
  return items;
}

function counts(value: string): number[] {
  const items = list('--counts', value);
  const hint = 'the visitors (or users) assigned to each arm, control first, e.g. --counts 50123,49211';
  if (items.length < 2) throw bad('--counts', value, 'at least two arms are needed', hint);
  const wrong = items.find((s) => !/^\d+$/.test(s.replaceAll('_', '')));
  if (wrong !== undefined) throw bad('--counts', value, `"${wrong}" is not a whole number of visitors`, hint);
  const n = items.map((s) => Number(s.replaceAll('_', '')));
  if (n.every((c) => c === 0)) throw bad('--counts', value, 'every count is 0', 'run the check once visitors have been assigned');
  return n;
}

function ratio(value: string | undefined, arms: number): number[] {
  if (value === undefined) return Array.from({ length: arms }, () => 1);
  const items = list('--ratio', value);
  const hint = `one positive weight per arm in the order of --counts, e.g. --ratio ${Array.from({ length: arms }, () => Math.round(100 / arms)).join(',')}`;
  if (items.length !== arms) throw bad('--ratio', value, `${items.length} weights for ${arms} counts`, hint);
  return items.map((s) => {
    const digits = s.endsWith('%') ? s.slice(0, -1) : s;
    const n = Number(digits);
    if (!NUMBER.test(digits) || !(n > 0) || !Number.isFinite(n)) throw bad('--ratio', value, `"${s}" is not a positive weight`, hint);
    return n;
  });
}

function names(value: string | undefined, arms: number): string[] {
  // A, B, C… as in "A/B test"; past Z the arms are numbered.
  if (value === undefined) return Array.from({ length: arms }, (_, i) => (i < 26 ? String.fromCharCode(65 + i) : `arm ${i + 1}`));
  const items = list('--names', value);
  if (items.length !== arms) throw bad('--names', value, `${items.length} names for ${arms} counts`, 'one name per arm in the order of --counts, e.g. --names control,treatment');
  if (new Set(items).size !== items.length) throw bad('--names', value, 'names repeat', 'give each arm its own name');
  return items;
}

const pBound = (flag: string, value: string) =>
  share(flag, value, '0.01', { max: 1, why: 'a p-value threshold must be above 0 and below 1', hint: 'usual thresholds: --warn-p 0.01 --fail-p 0.001' });

export function srmInput(flags: SrmFlags): SrmInput {
  const c = counts(flags.counts);
  const warnP = pBound('--warn-p', flags.warnP ?? '0.01');
  const failP = pBound('--fail-p', flags.failP ?? '0.001');
  if (failP > warnP) throw bad('--fail-p', flags.failP ?? '', `above --warn-p ${warnP}`, 'failing must take stronger evidence than warning: keep --fail-p at or below --warn-p');
  return { counts: c, ratio: ratio(flags.ratio, c.length), names: names(flags.names, c.length), warnP, failP };
}
