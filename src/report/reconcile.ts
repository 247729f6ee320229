import type { RecordLocation } from '../data/records.js';
import type { Examples, FieldPair, ReconcileResult, SideReport, ValueAt } from '../data/reconcile.js';
import type { Style } from './style.js';
import { cell, mdTable } from './text.js';

/** `golive data reconcile`: what differs between a source extract and a platform export, as text, Markdown or JSON (pure). */

export interface Reconciliation {
  /** The files or globs as given. */
  source: string[];
  target: string[];
  result: ReconcileResult;
  ok: boolean;
}

/** A location as people read it: file:line, or file#n (the n-th record) where the format has no lines. */
export const where = (at: RecordLocation) => (at.line === null ? `${at.file}#${at.record}` : `${at.file}:${at.line}`);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const shown = (v: string | null) => (v === null ? '(empty)' : JSON.stringify(v));
const named = (f: FieldPair) => (f.source === f.target ? f.source : `${f.source} (target: ${f.target})`);
const number = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });
const valueAt = (v: ValueAt) => `${shown(v.value)} at ${where(v.at)}`;

interface Finding {
  ok: boolean;
  title: string;
  count: string;
  examples: string[];
}

function finding<T>(title: string, found: Examples<T>, unit: string, example: (e: T) => string): Finding {
  return { ok: found.count === 0, title, count: found.count === 0 ? 'none' : plural(found.count, unit), examples: found.examples.map(example) };
}

function sideFindings(label: string, s: SideReport): Finding[] {
  const dup = finding(`duplicate keys in the ${label}`, s.duplicates, 'key', (d) => `${d.key}  ${d.rows} rows: ${d.at.map(where).join(', ')}${d.rows > d.at.length ? ', …' : ''}`);
  if (s.duplicates.count > 0) dup.count += ` (${plural(s.duplicates.rows, 'extra row')})`;
  return [
    dup,
    finding(`${label} rows without a key`, s.withoutKey, 'row', where),
    finding(`${label} records that could not be read`, s.unreadable, 'record', (b) => `${where({ file: b.file, line: b.line, record: 0 })}  ${b.reason}`),
  ];
}

/** Every check in report order; a clean one has ok and no examples. */
function findings(r: ReconcileResult): Finding[] {
  const out: Finding[] = [
    finding('keys missing in the target', r.missing, 'key', (e) => `${e.key}  ${where(e.at)}`),
    finding('keys only in the target', r.extra, 'key', (e) => `${e.key}  ${where(e.at)}`),
    ...sideFindings('source', r.source),
    ...sideFindings('target', r.target),
  ];
  for (const m of r.mismatches) {
    const f = finding(`${named(m.field)} differs`, m, 'key', (e) => `${e.key}  ${valueAt(e.source)} ≠ ${valueAt(e.target)}`);
    if (m.count > 0) f.count = `${m.count} of ${plural(r.matched, 'matched key')}`;
    out.push(f);
  }
  if (r.sums) {
    out.push(finding(`${r.sums.field.source} values in the source that are not numbers`, r.sums.notNumbers.source, 'value', valueAt));
    out.push(finding(`${r.sums.field.target} values in the target that are not numbers`, r.sums.notNumbers.target, 'value', valueAt));
  }
  return out;
}

const failing = (r: ReconcileResult) => findings(r).filter((f) => !f.ok).length + (r.sums?.totals.filter((t) => !t.ok).length ?? 0);

function sides(v: Reconciliation): string {
  const side = (s: SideReport, given: string[]) => `${plural(s.rows, 'row')} (${plural(s.keys, 'key')}) in ${given.join(', ')}`;
  return `source ${side(v.result.source, v.source)} · target ${side(v.result.target, v.target)}`;
}

function headline(v: Reconciliation): string {
  const n = failing(v.result);
  return `reconcile: ${v.ok ? 'the sides agree' : `${plural(n, 'difference')} found`} · ${sides(v)}`;
}

function basis(r: ReconcileResult): string {
  const compared = r.mismatches.length ? ` · compared ${r.mismatches.map((m) => named(m.field)).join(', ')}` : '';
  return `key ${named(r.key)} · ${plural(r.matched, 'key')} on both sides${compared} · numbers equal within ${r.tolerance}; text equal after trimming`;
}

function sumTitle(r: ReconcileResult): string {
  const s = r.sums;
  if (!s) return '';
  return `sum of ${named(s.field)}${s.currency ? ` per ${named(s.currency)}` : ''}`;
}

const currencyLabel = (r: ReconcileResult, c: string | null) => (c !== null ? c : r.sums?.currency ? '(no currency)' : 'all rows');

/** Terminal: one line per check (differences with examples), then the sums. */
export function renderReconcileText(v: Reconciliation, style: Style): string {
  const r = v.result;
  const out = [style.bold((v.ok ? style.green : style.red)(headline(v))), style.dim(basis(r)), ''];
  for (const f of findings(r)) {
    out.push(`  ${f.ok ? style.green('ok  ') : style.red('FAIL')} ${f.title}  ${f.count}`);
    for (const e of f.examples) out.push(`       ${e}`);
  }
  if (r.sums) {
    out.push('', style.bold(sumTitle(r)));
    for (const t of r.sums.totals) {
      out.push(`  ${t.ok ? style.green('ok  ') : style.red('FAIL')} ${currencyLabel(r, t.currency)}  source ${number(t.source)} (${plural(t.sourceRows, 'row')})  target ${number(t.target)} (${plural(t.targetRows, 'row')})  difference ${number(t.difference)}`);
    }
  }
  return out.join('\n');
}

/** Markdown for tickets and pull requests: the checks as a table, then the sums. */
export function renderReconcileMarkdown(v: Reconciliation): string {
  const r = v.result;
  const parts = [`## ${v.ok ? '✅' : '❌'} ${cell(headline(v))}`, '', cell(basis(r)), '', mdTable(['Result', 'Check', 'Found', 'Examples'], findings(r).map((f) => [
    f.ok ? 'ok' : 'fail', cell(f.title), cell(f.count), f.examples.map((e) => `\`${cell(e)}\``).join('<br>'),
  ]))];
  if (r.sums) {
    parts.push('', `### ${cell(sumTitle(r))}`, '', mdTable(['Result', 'Currency', 'Source', 'Target', 'Difference'], r.sums.totals.map((t) => [
      t.ok ? 'ok' : 'fail', cell(currencyLabel(r, t.currency)), `${number(t.source)} (${plural(t.sourceRows, 'row')})`, `${number(t.target)} (${plural(t.targetRows, 'row')})`, number(t.difference),
    ])));
  }
  return `${parts.join('\n')}\n`;
}

/** The golive.data-reconcile/1 document. */
export function reconcileDocument(v: Reconciliation) {
  return { schema: 'golive.data-reconcile/1' as const, ok: v.ok, given: { source: v.source, target: v.target }, ...v.result };
}
