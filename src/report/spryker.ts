import { DEPLOY_TOPICS, type DeployFinding, type DeployTopic } from '../spryker/deploy/model.js';
import type { DeploySummary } from '../spryker/deploy/summary.js';
import type { Style } from './style.js';
import { cell, mdTable } from './text.js';

/** `golive spryker analyze`: one deploy file's findings by topic, as text, Markdown or JSON (pure). */

export interface SprykerAnalysis {
  file: string;
  domains: string[];
  repo?: string;
  summary: DeploySummary;
  findings: DeployFinding[];
}

type Counts = { fail: number; warn: number; info: number };

function counts(findings: DeployFinding[]): Counts {
  const c: Counts = { fail: 0, warn: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

const countsText = (c: Counts) => (['fail', 'warn', 'info'] as const).filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`).join(', ');

function verdict(c: Counts): string {
  return c.fail > 0 ? 'not ready' : c.warn > 0 ? 'ready, with warnings' : 'ready';
}

const where = (f: DeployFinding) => `${f.file}:${f.line}:${f.column}`;

function overview(s: DeploySummary): string {
  const m = s.markers;
  const senders = [...new Set(s.regions.flatMap((r) => (r.mailSender?.email ? [r.mailSender.email] : [])))];
  const parts = [`environment ${m.environment ?? '(not set)'}`, `SSL ${m.ssl ? 'on' : 'off'}`, `${s.endpointsTotal} endpoints in ${s.regions.length} region${s.regions.length === 1 ? '' : 's'}`, `mail ${senders.join(', ') || '(no sender)'}`];
  if (s.files.length > 1) parts.push(`${s.files.length - 1} import${s.files.length === 2 ? '' : 's'}`);
  return parts.join(' · ');
}

const byTopic = (findings: DeployFinding[], topic: DeployTopic) => findings.filter((f) => f.topic === topic);

/** Terminal: findings by topic with file:line:col; a code's hint is shown once per topic. */
export function renderSprykerAnalyzeText(a: SprykerAnalysis, style: Style): string {
  const c = counts(a.findings);
  const paint = c.fail > 0 ? style.red : c.warn > 0 ? style.yellow : style.green;
  const out = [style.bold(`${a.file}: ${paint(verdict(c))}${a.findings.length ? ` (${countsText(c)})` : ''}`), style.dim(overview(a.summary))];
  for (const topic of DEPLOY_TOPICS) {
    const mine = byTopic(a.findings, topic);
    const tc = counts(mine);
    out.push('', `${style.bold(topic)}${mine.length ? ` (${countsText(tc)})` : ` ${style.green('ok')}`}`);
    const hinted = new Set<string>();
    for (const f of mine) {
      const mark = f.severity === 'fail' ? style.red('FAIL') : f.severity === 'warn' ? style.yellow('WARN') : style.dim('info');
      out.push(`  ${mark} ${f.code}  ${style.cyan(where(f))}  ${f.message}`);
      if (!hinted.has(f.code)) out.push(style.dim(`       hint: ${f.hint}`));
      hinted.add(f.code);
    }
  }
  return out.join('\n');
}

/** Markdown for PR comments: a table per topic with findings. */
export function renderSprykerAnalyzeMarkdown(a: SprykerAnalysis): string {
  const c = counts(a.findings);
  const icon = c.fail > 0 ? '❌' : c.warn > 0 ? '⚠️' : '✅';
  const parts = [`## ${icon} ${cell(a.file)}: ${verdict(c)}${a.findings.length ? ` (${countsText(c)})` : ''}`, '', cell(overview(a.summary))];
  for (const topic of DEPLOY_TOPICS) {
    const mine = byTopic(a.findings, topic);
    parts.push('', `### ${topic}${mine.length ? ` (${countsText(counts(mine))})` : ': ok'}`);
    if (mine.length) parts.push('', mdTable(['Severity', 'Code', 'Where', 'Finding', 'Hint'], mine.map((f) => [f.severity, `\`${f.code}\``, `\`${cell(where(f))}\``, cell(f.message), cell(f.hint)])));
  }
  return `${parts.join('\n')}\n`;
}

/** The golive.spryker-analyze/1 document. */
export function sprykerAnalyzeDocument(a: SprykerAnalysis) {
  const c = counts(a.findings);
  return {
    schema: 'golive.spryker-analyze/1' as const,
    file: a.file,
    ok: c.fail === 0,
    domains: a.domains,
    ...(a.repo === undefined ? {} : { repo: a.repo }),
    counts: c,
    summary: a.summary,
    findings: a.findings,
  };
}
