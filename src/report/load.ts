import { percent, type Budgets } from '../load/budgets.js';
import type { LoadReport, LoadSettings, LoadStats, PeakReport } from '../load/types.js';
import { formatDuration } from '../load/units.js';
import type { Style } from './style.js';
import { mdTable } from './text.js';

/** `golive load`: one open-loop run or a peak search, as text, Markdown or JSON (pure). */

export interface LoadOutcome {
  report: LoadReport;
  budgets: Budgets;
  /** One sentence per broken budget. */
  broken: string[];
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : String(Math.round(n)));
const rate = (n: number) => String(Number(n.toFixed(2)));
const counts = (m: Record<string, number>) => Object.entries(m).map(([k, n]) => `${k}: ${n}`).join(', ');

function target(s: Pick<LoadSettings, 'method' | 'url' | 'headerNames' | 'bodyBytes'>): string {
  const extra = [s.headerNames.length ? `headers: ${s.headerNames.join(', ')}` : '', s.bodyBytes ? `body ${s.bodyBytes} bytes` : ''].filter(Boolean).join('; ');
  return `${s.method} ${s.url}${extra ? ` (${extra})` : ''}`;
}

function shape(s: LoadSettings): string {
  return `${rate(s.rate)} req/s for ${formatDuration(s.durationMs)}${s.warmupMs ? ` after a ${formatDuration(s.warmupMs)} warm-up` : ''}, up to ${s.connections} connections, timeout ${formatDuration(s.timeoutMs)}, expecting ${s.expectStatus}`;
}

/** The lines every reader needs, in reading order: [label, value]. */
function statLines(st: LoadStats): [string, string][] {
  const l = st.latency;
  const lines: [string, string][] = [
    ['requests', `${st.requests} sent, ${st.answered} answered, ${rate(st.achievedRate)} req/s achieved`],
    ['latency', l ? `mean ${ms(l.mean)}  p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)}  max ${ms(l.max)} ms` : 'none: no request was answered'],
    ['errors', st.errorRate === 0 ? 'none' : `${percent(st.errorRate)} (${counts(st.errors)})`],
    ['timeouts', percent(st.timeoutRate)],
    ['statuses', Object.keys(st.statuses).length ? counts(st.statuses) : 'none'],
    ['late starts', st.late.count === 0 ? `none over ${st.late.thresholdMs} ms` : `${st.late.count} over ${st.late.thresholdMs} ms (worst ${ms(st.late.worstMs)} ms)`],
  ];
  if (st.queued.count > 0) lines.push(['queued', `${st.queued.count} found every connection busy (worst wait ${ms(st.queued.worstMs)} ms)`]);
  return lines;
}

/** Warnings a reader must not miss. */
function notes(st: LoadStats, offered: number, r?: Pick<LoadReport, 'interrupted' | 'abandoned'>): string[] {
  const out: string[] = [];
  if (r?.interrupted) out.push(`stopped early: the numbers cover what finished; ${r.abandoned} request${r.abandoned === 1 ? '' : 's'} still in flight were dropped`);
  if (st.generatorBound) out.push(`the generator could not keep its schedule (${rate(st.achievedRate)} of ${rate(offered)} req/s, ${percent(st.late.count / st.requests)} of requests left late): the latencies include its own delay; run it from a less busy machine, or lower the rate`);
  else if (st.late.count > 0) out.push('a few requests started late (a busy machine); their latency includes the delay, as it should in an open loop');
  if (st.queued.count > 0) out.push(`${st.queued.count} request${st.queued.count === 1 ? '' : 's'} waited for a connection: answers took longer than connections ÷ rate allows; the wait counts in their latency, as a visitor's would (raise --connections if the server can take more at once)`);
  return out;
}

export function renderLoadText(o: LoadOutcome, style: Style): string {
  const r = o.report;
  const width = Math.max(...statLines(r.stats).map(([k]) => k.length));
  const out = [style.bold(`golive load ${target(r.settings)}`), `  ${shape(r.settings)}`, ''];
  for (const [k, v] of statLines(r.stats)) out.push(`  ${k.padEnd(width)}  ${v}`);
  const said = notes(r.stats, r.settings.rate, r);
  if (said.length > 0) out.push('', ...said.map((n) => style.yellow(`note: ${n}`)));
  out.push('', ...budgetLines(o, style));
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd();
}

function budgetLines(o: LoadOutcome, style: Style): string[] {
  const given = Object.keys(o.budgets).length;
  if (given === 0) return [style.dim('no budget given (--p99-under, --mean-under, --max-error-rate): exit 0')];
  if (o.broken.length === 0) return [style.green(`within budget: ${budgetText(o.budgets)}`)];
  return o.broken.map((b) => style.red(`over budget: ${b}`));
}

function budgetText(b: Budgets): string {
  return [b.p99UnderMs !== undefined ? `p99 under ${formatDuration(b.p99UnderMs)}` : '', b.meanUnderMs !== undefined ? `mean under ${formatDuration(b.meanUnderMs)}` : '', b.maxErrorRate !== undefined ? `errors at most ${percent(b.maxErrorRate)}` : ''].filter(Boolean).join(', ');
}

export function renderLoadMarkdown(o: LoadOutcome): string {
  const r = o.report;
  const verdict = Object.keys(o.budgets).length === 0 ? '' : o.broken.length === 0 ? `**Within budget**: ${budgetText(o.budgets)}` : `**Over budget**: ${o.broken.join('; ')}`;
  return [
    `### golive load \`${target(r.settings)}\``, '', shape(r.settings), '',
    mdTable(['measure', 'value'], statLines(r.stats)), '',
    ...notes(r.stats, r.settings.rate, r).map((n) => `> ${n}\n`),
    verdict,
  ].join('\n').replace(/\n{3,}/g, '\n\n').trimEnd();
}

export function loadDocument(o: LoadOutcome) {
  // A run stopped early proves nothing about its budgets: the slowest requests were still in flight.
  return { schema: 'golive.load/1' as const, ok: o.broken.length === 0 && !o.report.interrupted, budgets: o.budgets, broken: o.broken, ...o.report };
}

const stopped: Record<PeakReport['stoppedBecause'], string> = {
  budget: 'the next step broke the budget',
  'max-rate': 'it reached --max-rate within budget',
  generator: 'the generator could not keep up: the server may take more than this',
  interrupted: 'it was stopped',
  'max-steps': 'it ran the maximum number of steps',
};

function peakRows(p: PeakReport): string[][] {
  return p.steps.map((s) => [rate(s.rate), rate(s.stats.achievedRate), s.stats.latency ? ms(s.stats.latency.p50) : '–', s.stats.latency ? ms(s.stats.latency.p99) : '–', percent(s.stats.errorRate), String(s.stats.late.count), s.pass ? 'pass' : `fail: ${s.broken.join('; ')}`]);
}

const PEAK_HEAD = ['rate', 'achieved', 'p50 ms', 'p99 ms', 'errors', 'late', 'result'];

function peakSummary(p: PeakReport): string {
  const s = p.settings;
  return `from ${rate(s.startRate)} req/s, step ${s.step}, at most ${rate(s.maxRate)} req/s, ${formatDuration(s.stepDurationMs)} per step; budget p99 under ${formatDuration(s.p99UnderMs)}, errors at most ${percent(s.maxErrorRate)}`;
}

function peakVerdict(p: PeakReport): string {
  if (p.peakRate === null) return `no rate kept the budget: even ${rate(p.settings.startRate)} req/s broke it${p.interrupted ? ' (stopped early)' : ''}`;
  return `peak ${rate(p.peakRate)} req/s within budget; stopped because ${stopped[p.stoppedBecause]}`;
}

export function renderPeakText(p: PeakReport, style: Style): string {
  const rows = [PEAK_HEAD, ...peakRows(p)];
  const widths = PEAK_HEAD.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padStart(widths[i]!))).join('  ')}`;
  const verdict = peakVerdict(p);
  return [style.bold(`golive load --find-peak ${target(p.settings)}`), `  ${peakSummary(p)}`, '', line(PEAK_HEAD), ...rows.slice(1).map(line), '', p.peakRate === null ? style.red(verdict) : style.green(verdict)].join('\n');
}

export function renderPeakMarkdown(p: PeakReport): string {
  return [`### golive load --find-peak \`${target(p.settings)}\``, '', peakSummary(p), '', mdTable(PEAK_HEAD, peakRows(p)), '', `**${peakVerdict(p)}**`].join('\n');
}

export function peakDocument(p: PeakReport) {
  return { schema: 'golive.load-peak/1' as const, ok: p.peakRate !== null && !p.interrupted, ...p };
}
