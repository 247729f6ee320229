import type { ValidationResult } from '../data/validate.js';
import type { RuleResult } from '../data/event-rules-sql.js';
import type { Style } from './style.js';
import { cell, mdTable } from './text.js';

/** `golive data validate`: rule violations and invalid lines of event exports, as text, Markdown or JSON (pure). */

/** What the values were checked against: a declared list from golive.yaml, or null when none is declared. */
export interface DeclaredLists {
  languages: string[] | null;
  currencies: string[] | null;
  pointsOfSale: string[] | null;
}

export interface DataValidation {
  /** events: event exports; batch: batch upload files (result.files then carry bytes, md5 and gzip members). */
  kind: 'events' | 'batch';
  /** golive.yaml the declared lists come from, when a project was found. */
  project?: string;
  declared: DeclaredLists;
  result: ValidationResult;
}

/** True when the result breaks its rule: any violation, or for an aggregate rule (threshold) a share below its minimum. */
export function ruleBroken(r: RuleResult): boolean {
  if (r.threshold === undefined) return r.violations > 0;
  return r.applicable > 0 && r.threshold.value < r.threshold.min;
}

// A rule breaks on any violation, an aggregate rule (with a threshold) only when its share is below the minimum.
const failing = (v: DataValidation) => v.result.rules.filter((r) => r.severity === 'fail' && ruleBroken(r));
const warning = (v: DataValidation) => v.result.rules.filter((r) => r.severity === 'warn' && ruleBroken(r));
const unreadable = (v: DataValidation) => v.result.files.filter((f) => f.error !== undefined);

/** Clean: no failing rule has violations, every line is a JSON object and every file was read. */
export function dataValid(v: DataValidation): boolean {
  return failing(v).length === 0 && v.result.invalidLineCount === 0 && unreadable(v).length === 0;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const shown = (value: string | null) => (value === null ? '(missing)' : JSON.stringify(value));

function headline(v: DataValidation): string {
  const r = v.result;
  const problems = [
    failing(v).length ? `${plural(failing(v).length, 'rule')} failing` : '',
    warning(v).length ? `${plural(warning(v).length, 'rule')} warning` : '',
    r.invalidLineCount ? plural(r.invalidLineCount, 'invalid line') : '',
    unreadable(v).length ? `${plural(unreadable(v).length, 'file')} not read` : '',
  ].filter((p) => p !== '');
  const verdict = dataValid(v) ? (problems.length ? 'valid, with warnings' : 'valid') : 'not valid';
  return `${v.kind}: ${verdict} · ${plural(r.files.length, 'file')}, ${plural(r.lines, 'line')}, ${r.validLines} valid${problems.length ? ` (${problems.join(', ')})` : ''}`;
}

function against(v: DataValidation): string {
  if (v.kind === 'batch') return `batch upload files: ${v.project ? `facts from ${v.project}` : 'no golive.yaml'}; MD5 per file below`;
  const list = (values: string[] | null, fallback: string) => (values === null ? fallback : values.join(', ') || '(none)');
  const d = v.declared;
  return `checked against ${v.project ?? 'no golive.yaml'}: languages ${list(d.languages, 'ISO 639-1')} · currencies ${list(d.currencies, 'ISO 4217')} · points of sale ${list(d.pointsOfSale, 'any non-empty')}`;
}

function mark(rule: RuleResult, style: Style): string {
  if (!ruleBroken(rule)) return style.green('ok  ');
  return rule.severity === 'fail' ? style.red('FAIL') : style.yellow('WARN');
}

/** "3 of 120 (2.5%)", or for an aggregate rule "fill rate 97.5%, minimum 95.0% (3 of 120 without)". */
function measured(rule: RuleResult): string {
  const counted = `${rule.violations} of ${rule.applicable}`;
  if (rule.threshold === undefined) return `${counted} (${percent(rule.rate)})`;
  const t = rule.threshold;
  return `${t.measure} ${percent(t.value)}, minimum ${percent(t.min)} (${counted} without)`;
}

/** Terminal: one line per rule with its rate and examples as file:line value, then the invalid lines. */
export function renderDataValidateText(v: DataValidation, style: Style): string {
  const r = v.result;
  const paint = dataValid(v) ? style.green : style.red;
  const out = [style.bold(paint(headline(v))), style.dim(against(v))];
  for (const f of unreadable(v)) out.push(`  ${style.red('FILE')} ${style.cyan(f.file)}  ${f.error ?? ''}`);
  for (const f of r.files as { file: string; md5?: string; bytes?: number }[]) if (f.md5) out.push(`  ${style.cyan(f.file)}  md5 ${f.md5}  ${f.bytes ?? 0} bytes`);
  out.push('', style.bold('rules'));
  for (const rule of r.rules) {
    out.push(`  ${mark(rule, style)} ${rule.id}  ${measured(rule)}  ${rule.title}`);
    for (const e of rule.examples) out.push(`       ${style.cyan(`${e.file}:${e.line}`)} ${shown(e.value)}`);
  }
  if (r.invalidLineCount > 0) {
    out.push('', style.bold(`invalid lines (${r.invalidLineCount})`));
    for (const l of r.invalidLines) out.push(`  ${style.cyan(`${l.file}:${l.line}`)}  ${l.reason}`);
    if (r.invalidLineCount > r.invalidLines.length) out.push(style.dim(`  … and ${r.invalidLineCount - r.invalidLines.length} more`));
  }
  return out.join('\n');
}

/** Markdown for pull requests and tickets: a table of rules, then the invalid lines. */
export function renderDataValidateMarkdown(v: DataValidation): string {
  const r = v.result;
  const parts = [`## ${dataValid(v) ? '✅' : '❌'} ${cell(headline(v))}`, '', cell(against(v))];
  if (unreadable(v).length) parts.push('', mdTable(['File', 'Problem'], unreadable(v).map((f) => [`\`${cell(f.file)}\``, cell(f.error ?? '')])));
  parts.push('', '### Rules', '', mdTable(['Severity', 'Rule', 'Violations', 'Rate', 'Examples'], r.rules.map((rule) => [
    ruleBroken(rule) ? rule.severity : 'ok', `\`${rule.id}\``, `${rule.violations} of ${rule.applicable}`,
    rule.threshold === undefined ? percent(rule.rate) : cell(measured(rule)),
    rule.examples.map((e) => `\`${cell(`${e.file}:${e.line}`)}\` ${cell(shown(e.value))}`).join('<br>'),
  ])));
  if (r.invalidLineCount > 0) {
    parts.push('', `### Invalid lines (${r.invalidLineCount})`, '', mdTable(['Where', 'Reason'], r.invalidLines.map((l) => [`\`${cell(`${l.file}:${l.line}`)}\``, cell(l.reason)])));
  }
  return `${parts.join('\n')}\n`;
}

/** The golive.data-validate/1 document. */
export function dataValidateDocument(v: DataValidation) {
  const r = v.result;
  return {
    schema: 'golive.data-validate/1' as const,
    kind: v.kind,
    ok: dataValid(v),
    ...(v.project === undefined ? {} : { project: v.project }),
    declared: v.declared,
    files: r.files,
    lines: r.lines,
    validLines: r.validLines,
    invalidLineCount: r.invalidLineCount,
    invalidLines: r.invalidLines,
    rules: r.rules.map((rule) => ({ ...rule, ok: !ruleBroken(rule) })),
  };
}
