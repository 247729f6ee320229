import type { Finding, VerdictStatus } from '../checks/types.js';
import type { Style } from './style.js';
import { cell, mdTable } from './text.js';

/** A check run as the renderers see it (from `golive check` or `golive probe`). */
export interface CheckReport {
  title: string;
  environment?: string;
  startedAt: Date;
  finishedAt: Date;
  cancelled: boolean;
  counts: Record<VerdictStatus, number>;
  results: ReportedResult[];
  tasks: Record<string, { title: string; severity: string; owner: string }>;
}

export interface ReportedResult {
  task?: string;
  rule: string;
  target: string;
  status: VerdictStatus;
  summary: string;
  code?: string;
  findings: Finding[];
  evidence: unknown;
  durationMs: number;
  attempts: number;
  docs?: string;
}

const ORDER: VerdictStatus[] = ['fail', 'error', 'warn', 'manual', 'skipped', 'pass'];
const ICON: Record<VerdictStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', error: '🛑', skipped: '⏭️', manual: '✋' };

export function countsLine(c: Record<VerdictStatus, number>): string {
  return ORDER.filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`).join(', ') || 'no checks';
}

function paint(status: VerdictStatus, style: Style): (s: string) => string {
  return status === 'pass' ? style.green : status === 'warn' ? style.yellow : status === 'fail' || status === 'error' ? style.red : style.dim;
}

/** Terminal: one line per check, and under every non-pass the findings with their hints. */
export function renderChecksText(r: CheckReport, style: Style, verbose = false): string {
  const out = [style.bold(`${r.title}${r.environment ? ` (${r.environment})` : ''}: ${countsLine(r.counts)}`)];
  const sorted = [...r.results].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
  for (const x of sorted) {
    const where = x.task ? `${x.task} ` : '';
    out.push(`${paint(x.status, style)(x.status.toUpperCase().padEnd(7))} ${where}${x.rule} ${x.target}`);
    if (x.status === 'pass' && !verbose) continue;
    out.push(`        ${x.summary}`);
    for (const f of x.findings.filter((f) => f.severity !== 'info' || verbose)) {
      out.push(style.dim(`        - ${f.message}${f.subject ? ` [${f.subject}]` : ''}`));
      if (f.hint) out.push(style.dim(`          hint: ${f.hint}`));
    }
    if (x.docs && x.status !== 'pass') out.push(style.dim(`          docs: ${x.docs}`));
  }
  if (r.cancelled) out.push('', style.yellow('Cancelled: the results above finished before the interruption and were kept.'));
  return out.join('\n');
}

/** Markdown for PR comments and $GITHUB_STEP_SUMMARY. */
export function renderChecksMarkdown(r: CheckReport): string {
  const head = `## ${r.counts.fail + r.counts.error > 0 ? '❌' : r.counts.warn > 0 ? '⚠️' : '✅'} ${cell(r.title)}${r.environment ? ` (${r.environment})` : ''}: ${countsLine(r.counts)}`;
  const rows = [...r.results]
    .sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status))
    .map((x) => [`${ICON[x.status]} ${x.status}`, x.task ? `\`${x.task}\`` : '', `\`${x.rule}\``, cell(x.target), cell(x.summary)]);
  const details = r.results
    .filter((x) => x.status !== 'pass' && x.findings.some((f) => f.hint))
    .map((x) => [`<details><summary>${x.status}: ${cell(x.rule)} ${cell(x.target)}</summary>`, '', ...x.findings.filter((f) => f.severity !== 'info' || f.hint).map((f) => `- ${cell(f.message)}${f.hint ? ` _Hint: ${cell(f.hint)}_` : ''}`), '', '</details>'].join('\n'));
  return [head, '', mdTable(['Result', 'Task', 'Rule', 'Target', 'Summary'], rows), ...(details.length ? ['', ...details] : []), ...(r.cancelled ? ['', '_Cancelled before every check finished._'] : [])].join('\n') + '\n';
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** JUnit XML: one testcase per task x rule x target; failures carry the findings and the evidence. */
export function renderChecksJunit(r: CheckReport): string {
  const failures = r.counts.fail;
  const errors = r.counts.error;
  const skipped = r.counts.skipped + r.counts.manual;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const total = Math.max(0, r.finishedAt.getTime() - r.startedAt.getTime());
  const cases = r.results.map((x) => {
    const name = `${x.rule} ${x.target}`;
    const classname = `golive.${x.task ?? 'probe'}`;
    const text = [x.summary, ...x.findings.map((f) => `${f.severity}: ${f.message}${f.hint ? `\n  hint: ${f.hint}` : ''}`), '', 'evidence:', JSON.stringify(x.evidence, null, 2)].join('\n');
    const open = `    <testcase classname="${xml(classname)}" name="${xml(name)}" time="${seconds(x.durationMs)}"`;
    if (x.status === 'pass') return `${open}/>`;
    if (x.status === 'warn') return `${open}>\n      <system-out>${xml(text)}</system-out>\n    </testcase>`;
    if (x.status === 'skipped' || x.status === 'manual') return `${open}>\n      <skipped message="${xml(x.summary)}"/>\n    </testcase>`;
    const tag = x.status === 'error' ? 'error' : 'failure';
    return `${open}>\n      <${tag} message="${xml(x.summary)}" type="${xml(x.code ?? x.rule)}">${xml(text)}</${tag}>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="golive" tests="${r.results.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(total)}">`,
    `  <testsuite name="${xml(`${r.title}${r.environment ? ` (${r.environment})` : ''}`)}" tests="${r.results.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(total)}" timestamp="${r.startedAt.toISOString()}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
  ].join('\n') + '\n';
}
