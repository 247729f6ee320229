import { z } from 'zod';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { Finding, RuleMeta, Verdict } from '../types.js';
import type { DataFilesEvidence, DataRuleEvidence } from './evidence.js';
import type { DataFilesInput } from './files.probe.js';
import { hintFor } from './hints.js';

/** Shared by data/events and data/batch: a file or glob target, a rule selection, and one judge. */

export const DataTarget = z.strictObject({
  files: z.string().min(1).describe('A file or a glob, relative to golive.yaml, e.g. exports/events-*.ndjson.gz.'),
});
export type DataTarget = z.infer<typeof DataTarget>;

export const dataTargetFromString = (text: string): DataTarget => ({ files: text });

export const DATA_TARGET_HELP = 'file or glob (relative to golive.yaml)';

export const sharedOptions = {
  rules: z.array(z.string().min(1)).default([])
    .describe('Rule ids to judge, * as a wildcard (e.g. events/language-*); empty = every rule. The data is validated once per file set whatever the selection.'),
  maxInvalidLines: z.number().int().min(0).default(0)
    .describe('Lines that are not JSON objects tolerated before the check fails.'),
};
export const DataOptions = z.strictObject(sharedOptions);
export type DataOptions = z.infer<typeof DataOptions>;

export const probeInputFor = (kind: DataFilesInput['kind']) => (target: DataTarget): DataFilesInput => ({ kind, files: target.files });

/** An event rule selection such as `events/*-script`: `*` stands for any text (also used by page/events). */
export function matcher(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

const percent = (rate: number) => `${(rate * 100).toFixed(rate < 0.001 && rate > 0 ? 3 : 1)}%`;

function ruleFinding(r: DataRuleEvidence, unit: string): Finding {
  const example = r.examples[0];
  const where = example ? `${example.file}:${example.line}` : undefined;
  const shown = example ? `, e.g. ${where} ${example.value === null ? '(missing)' : JSON.stringify(example.value)}` : '';
  const about = r.subject === undefined ? r.title : `${r.title} (${r.subject})`;
  const measured = r.threshold === undefined ? `${r.violations} of ${r.applicable} ${unit} (${percent(r.rate)})`
    : `${r.threshold.measure} ${percent(r.threshold.value)}, below the minimum ${percent(r.threshold.min)}: ${r.violations} of ${r.applicable} ${unit} lack it`;
  const message = `${about}: ${measured}${shown}`;
  const code = r.id.split('/').pop() ?? r.id;
  return (r.severity === 'fail' ? fail : warn)(code, message, hintFor(r.id), where);
}

/** Judge the selected rules of one validation: failing rules fail (or warn), invalid lines and unreadable files fail. */
export function judgeData(meta: Pick<RuleMeta, 'title' | 'failureTitle'>, e: DataFilesEvidence, options: DataOptions): Verdict {
  const unit = e.kind === 'events' ? 'events' : 'records';
  const patterns = options.rules.map((p) => ({ p, re: matcher(p) }));
  const selected = patterns.length === 0 ? e.rules : e.rules.filter((r) => patterns.some(({ re }) => re.test(r.id)));
  const findings: Finding[] = patterns
    .filter(({ re }) => !e.rules.some((r) => re.test(r.id)))
    .map(({ p }) => fail('unknown-rule', `no ${e.kind} rule matches ${p}`, `use one of: ${e.rules.map((r) => r.id).join(', ')}`));
  findings.push(...selected.filter((r) => r.failing).map((r) => ruleFinding(r, unit)));
  if (e.invalidLineCount > options.maxInvalidLines) {
    const first = e.invalidLines[0];
    findings.push(fail('invalid-lines', `${e.invalidLineCount} of ${e.lines} lines are not JSON objects${first ? `, first ${first.file}:${first.line} (${first.reason})` : ''}`,
      'fix the export so every line is one JSON object; golive data validate lists every invalid line', first ? `${first.file}:${first.line}` : undefined));
  }
  for (const f of e.files.filter((x) => x.error !== undefined)) findings.push(fail('file-unreadable', `${f.file}: ${f.error ?? 'unreadable'}`, 'replace the file with a complete export', f.file));
  const undeclared = Object.entries(e.declared).filter(([, n]) => n === null).map(([k]) => k);
  if (e.kind === 'events' && undeclared.length > 0) findings.push(info('facts-not-declared', `not declared under cdp: in golive.yaml, so checked against the platform's formats only: ${undeclared.join(', ')}`));
  const detail = `${e.validLines} ${unit} in ${e.files.length} file${e.files.length === 1 ? '' : 's'}, ${selected.length} rule${selected.length === 1 ? '' : 's'}`;
  return verdictFrom(meta, findings, detail);
}
