import { z } from 'zod';
import type { ExperimentPlan } from '../experiment/sample-size.js';
import type { SrmResult, SrmVerdict } from '../experiment/srm.js';
import type { Style } from './style.js';
import { mdTable, pad } from './text.js';

/** `golive experiment plan` and `golive experiment srm` as text, Markdown or JSON (pure). */

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const decimal = (n: number, digits: number) => n.toLocaleString('en-US', { maximumFractionDigits: digits });
const pct = (x: number) => `${Number((x * 100).toPrecision(4))}%`;
const signed = (s: string, x: number) => (x > 0 ? `+${s}` : x < 0 ? `−${s.replace('-', '')}` : s);
/** Relative differences: two decimals of a percent, more digits only when that would show 0. */
const relPct = (x: number) => `${Math.abs(x) >= 1e-4 || x === 0 ? Number((x * 100).toFixed(2)) : Number((x * 100).toPrecision(2))}%`;
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** "p = 0.00381", "p = 1.8e-6": three significant digits, scientific below 0.001, and a floor when it underflows. */
export function formatP(p: number): string {
  if (p < 1e-300) return 'p < 1e-300';
  return `p = ${p >= 0.001 ? String(Number(p.toPrecision(3))) : p.toExponential(1)}`;
}

export const PLAN_FORMULA = 'n = (z(1−α/s)·√(2p̄(1−p̄)) + z(power)·√(p1(1−p1) + p2(1−p2)))² / (p2 − p1)² per arm, p̄ = (p1 + p2)/2, s = sides';

/** Plain-language caveats that go with a plan. */
export function planNotes(p: ExperimentPlan): string[] {
  const notes: string[] = [];
  if (p.comparisons > 1) notes.push(`${p.variants} arms make ${p.comparisons} comparisons with the control: α is split over them (Bonferroni), ${pct(p.alpha)} / ${p.comparisons} = ${pct(p.alphaPerComparison)} each, so a false winner stays at most ${pct(p.alpha)} likely overall`);
  if (p.sides === 1) notes.push('one-sided: the test only looks for an improvement; a loss of the same size goes undetected as significant');
  if (p.weeks > 8) notes.push(`more than 8 weeks: returning visitors lose cookies and change devices over that time; consider a larger MDE, more traffic or fewer arms`);
  notes.push('stop at the planned sample size, not when the result first looks significant: checking early and stopping inflates false positives');
  return notes;
}

function planRows(p: ExperimentPlan): [string, string][] {
  const detect = `${pct(p.target)}: ${signed(pct(p.relativeLift), p.relativeLift)} relative (${signed(decimal(p.difference * 100, 4), p.difference)} percentage points)`;
  const alpha = p.comparisons > 1
    ? `α = ${pct(p.alpha)} over ${p.comparisons} comparisons with the control (Bonferroni): ${pct(p.alphaPerComparison)} each, ${p.sides === 1 ? 'one' : 'two'}-sided`
    : `α = ${pct(p.alpha)}, ${p.sides === 1 ? 'one' : 'two'}-sided`;
  return [
    ['baseline', `${pct(p.baseline)} converting`],
    ['to detect', detect],
    ['arms', `${p.variants}: the control and ${plural(p.variants - 1, 'treatment')}`],
    ['significance', alpha],
    ['power', pct(p.power)],
    ['traffic', `${pct(p.traffic)} of ${count(p.dailyVisitors)} visitors a day = ${count(p.dailyInExperiment)} a day in the experiment`],
    ['per variant', `${count(p.perVariant)} visitors (${decimal(p.perVariantExact, 1)} before rounding up)`],
    ['total', `${count(p.total)} visitors over ${p.variants} arms`],
    ['traffic needed', plural(p.days, 'day')],
    ['run for', `${p.runDays} days (${plural(p.weeks, 'full week')}): whole weeks, so every weekday is counted as often as the others (weekly seasonality)`],
  ];
}

const planHeadline = (p: ExperimentPlan) =>
  `experiment plan: ${count(p.perVariant)} visitors per variant, ${count(p.total)} in total · run ${p.runDays} days (${plural(p.weeks, 'full week')})`;

export function renderPlanText(p: ExperimentPlan, style: Style): string {
  const rows = planRows(p).map(([k, v]) => `  ${style.dim(pad(k, 16))}${v}`);
  rows.splice(6, 0, '');
  return [
    style.bold(planHeadline(p)), '', ...rows, '',
    ...planNotes(p).map((n) => `  note: ${n}`), '',
    style.dim(`  ${PLAN_FORMULA}; here z(1−α/s) = ${p.zAlpha.toFixed(4)}, z(power) = ${p.zPower.toFixed(4)} (docs/experiments.md)`),
  ].join('\n');
}

export function renderPlanMarkdown(p: ExperimentPlan): string {
  const notes = planNotes(p).map((n) => `- ${n}`).join('\n');
  return `## ${planHeadline(p)}\n\n${mdTable(['', 'Plan'], planRows(p))}\n\n${notes}\n\nFormula: \`${PLAN_FORMULA}\` with z(1−α/s) = ${p.zAlpha.toFixed(4)}, z(power) = ${p.zPower.toFixed(4)}.\n`;
}

export function planDocument(p: ExperimentPlan) {
  return { schema: 'golive.experiment-plan/1' as const, kind: 'experiment-plan' as const, ...p, formula: PLAN_FORMULA, notes: planNotes(p) };
}

const ADVICE: Record<SrmVerdict, string> = {
  ok: 'no sign of a mismatch: the arms hold the shares the experiment was set up with',
  warn: 'possible mismatch: look for a cause (assignment, redirects, bot filtering, tracking) and check again as traffic grows; read the results only once it clears',
  fail: 'the split is not what the experiment was set up for: stop, find the cause (assignment, redirects, bot filtering, tracking, analysis filters) and do not read the results until it is fixed',
};

export const srmAdvice = (verdict: SrmVerdict) => ADVICE[verdict];

function srmHeadline(r: SrmResult): string {
  return `sample ratio: ${r.verdict.toUpperCase()} · χ² = ${decimal(r.chiSquare, 2)}, df ${r.df}, ${formatP(r.pValue)} (warn below ${r.warnP}, fail below ${r.failP}) · ${plural(r.total, 'visitor')}`;
}

function armRow(a: SrmResult['arms'][number]): string[] {
  const side = a.relativeDifference > 0 ? 'over-represented' : a.relativeDifference < 0 ? 'under-represented' : 'as expected';
  return [a.name, `${pct(a.expectedShare)} · ${decimal(a.expected, 1)}`, `${pct(a.observedShare)} · ${count(a.observed)}`,
    `${signed(decimal(a.difference, 1), a.difference)} (${signed(relPct(a.relativeDifference), a.relativeDifference)}) ${side}`];
}

const SRM_HEAD = ['arm', 'expected', 'observed', 'difference'];

export function renderSrmText(r: SrmResult, style: Style): string {
  const colour = { ok: style.green, warn: style.yellow, fail: style.red }[r.verdict];
  const rows = [SRM_HEAD, ...r.arms.map(armRow)];
  const widths = SRM_HEAD.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)) + 3);
  const table = rows.map((row) => `  ${row.map((c, j) => (j === row.length - 1 ? c : pad(c, widths[j]!))).join('')}`.trimEnd()).map((l, i) => (i === 0 ? style.dim(l) : l));
  const worst = r.verdict === 'ok' ? [] : [`  furthest from its share: ${r.mostOff}`];
  return [style.bold(colour(srmHeadline(r))), '', ...table, ...worst, '', `  ${colour(ADVICE[r.verdict])}`, ...r.notes.map((n) => `  note: ${n}`)].join('\n');
}

export function renderSrmMarkdown(r: SrmResult): string {
  const mark = { ok: '✅', warn: '⚠️', fail: '❌' }[r.verdict];
  const notes = r.notes.map((n) => `\n- ${n}`).join('');
  return `## ${mark} ${srmHeadline(r)}\n\n${mdTable(SRM_HEAD.map((h) => h[0]!.toUpperCase() + h.slice(1)), r.arms.map(armRow))}\n\n${ADVICE[r.verdict]}${notes ? `\n${notes}` : ''}\n`;
}

export function srmDocument(r: SrmResult) {
  return { schema: 'golive.experiment-srm/1' as const, kind: 'experiment-srm' as const, ok: r.verdict !== 'fail', ...r, advice: ADVICE[r.verdict] };
}

/** zod schemas of both documents, to join JSON_DOCUMENTS in src/report/json-schema.ts. */
const share = z.number().describe('A fraction between 0 and 1');
export const EXPERIMENT_JSON_DOCUMENTS = {
  'experiment-plan': z.object({
    schema: z.literal('golive.experiment-plan/1'), kind: z.literal('experiment-plan'),
    baseline: share, mde: z.number().describe('As given: relative to the baseline, or in rate units with mdeKind absolute'), mdeKind: z.enum(['relative', 'absolute']),
    dailyVisitors: z.number(), variants: z.number().describe('Arms including the control'), alpha: share.describe('Family-wise significance level'), power: share, traffic: share, sides: z.union([z.literal(1), z.literal(2)]),
    target: share.describe('The treatment rate to detect'), difference: z.number(), relativeLift: z.number(),
    comparisons: z.number(), alphaPerComparison: share.describe('alpha / comparisons (Bonferroni)'), zAlpha: z.number(), zPower: z.number(),
    perVariantExact: z.number(), perVariant: z.number().describe('Visitors per arm, rounded up'), total: z.number(), dailyInExperiment: z.number(),
    days: z.number().describe('Days of traffic the total needs'), weeks: z.number(), runDays: z.number().describe('Whole weeks, in days'),
    formula: z.string(), notes: z.array(z.string()),
  }),
  'experiment-srm': z.object({
    schema: z.literal('golive.experiment-srm/1'), kind: z.literal('experiment-srm'), ok: z.boolean().describe('false only when the verdict is fail'),
    verdict: z.enum(['ok', 'warn', 'fail']), chiSquare: z.number(), df: z.number(), pValue: z.number(), warnP: z.number(), failP: z.number(), total: z.number(),
    arms: z.array(z.object({
      name: z.string(), observed: z.number(), expected: z.number(), expectedShare: share, observedShare: share,
      difference: z.number().describe('observed − expected'), relativeDifference: z.number().describe('observed / expected − 1: above 0 over-represented'), contribution: z.number().describe('This arm\'s term of χ²'),
    })),
    mostOff: z.string().describe('The arm with the largest χ² term'), notes: z.array(z.string()), advice: z.string(),
  }),
} as const;
