import type { ReportModel } from './model.js';
import type { Style } from './style.js';
import { renderGateMarkdown, renderGateText } from './gate.js';
import { renderStatusMarkdown, renderStatusText } from './status.js';
import { signoffState, waiverState } from '../gate/signoffs.js';
import { cell, date, day, dayTime, mdTable, sparkline } from './text.js';

function burndownSeries(m: ReportModel) {
  const past = m.burndown.filter((p) => p.open !== undefined);
  return { past, open: past.map((p) => p.open ?? 0), planned: m.burndown.map((p) => p.planned) };
}

export function renderReportText(m: ReportModel, style: Style): string {
  const zone = m.project.timeZone;
  const { past, open, planned } = burndownSeries(m);
  const out = [renderGateText(m.project, m.gate, style), '', renderStatusText(m.project, m.status, style), '', style.bold('Burn-down of open tasks')];
  if (past.length) {
    out.push(`  open     ${sparkline(open)}  ${past[0]?.date} .. ${past[past.length - 1]?.date}: ${open[0]} -> ${open[open.length - 1]}`);
    out.push(`  planned  ${sparkline(planned)}  to go-live ${date(m.plan.goLive, zone)}: ${planned[0]} -> ${planned[planned.length - 1]}`);
  }
  const signoffs = m.state.signoffs;
  out.push('', style.bold(`Sign-offs (${signoffs.length})`));
  for (const s of signoffs) out.push(`  ${s.task}  ${s.role} by ${s.person} on ${day(s.at, zone)}: ${signoffState(s, m.state, m.generatedAt)}${s.expiresAt ? `, expires ${date(s.expiresAt, zone)}` : ''}`);
  out.push('', style.bold(`Waivers (${m.state.waivers.length})`));
  for (const w of m.state.waivers) out.push(`  ${w.task}  by ${w.person} until ${date(w.until, zone)}: ${w.reason} (${waiverState(w, m.generatedAt)})`);
  out.push('', style.dim(`Audit log: ${m.audit.entries} entries, head ${m.audit.head?.slice(0, 16) ?? 'none'}. Generated ${dayTime(m.generatedAt, zone)}.`));
  return out.join('\n');
}

function mermaidBurndown(m: ReportModel): string {
  const { open, planned } = burndownSeries(m);
  const labels = m.burndown.map((p) => `"${p.date.slice(5)}"`);
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Open tasks"',
    `  x-axis [${labels.join(', ')}]`,
    `  y-axis "Tasks" 0 --> ${Math.max(...planned, ...open, 1)}`,
    `  line [${planned.join(', ')}]`,
    `  line [${open.join(', ')}]`,
    '```',
  ].join('\n');
}

export function renderReportMarkdown(m: ReportModel): string {
  const zone = m.project.timeZone;
  const { past } = burndownSeries(m);
  const out = [
    `# Go-live report: ${cell(m.project.name)}`,
    '',
    `Generated ${dayTime(m.generatedAt, zone)} ${zone} by golive from ${m.project.playbooks.map((p) => `\`${p.id}@${p.version}\``).join(', ')}.`,
    '',
    renderGateMarkdown(m.project, m.gate, '##'),
    renderStatusMarkdown(m.project, m.status, '##'),
    '## Burn-down',
    '',
    'Open tasks per day (replayed from the audit log) against the plan (tasks due after that day).',
    '',
    mermaidBurndown(m),
    '',
    mdTable(['Day', 'Open', 'Planned'], past.slice(-14).map((p) => [p.date, String(p.open), String(p.planned)])),
    '',
    '## Sign-offs',
    '',
    m.state.signoffs.length ? mdTable(['Task', 'Role', 'Person', 'Given', 'Expires', 'State', 'Evidence'], m.state.signoffs.map((s) => [`\`${s.task}\``, s.role, s.person, date(s.at, zone), s.expiresAt ? date(s.expiresAt, zone) : '', signoffState(s, m.state, m.generatedAt), s.evidence ?? ''])) : 'None yet.',
    '',
    '## Waivers',
    '',
    m.state.waivers.length ? mdTable(['Task', 'Accepted by', 'Until', 'State', 'Reason'], m.state.waivers.map((w) => [`\`${w.task}\``, w.person, date(w.until, zone), waiverState(w, m.generatedAt), w.reason])) : 'None.',
    '',
    `Audit log: ${m.audit.entries} entries, head \`${m.audit.head ?? 'none'}\`.`,
    '',
  ];
  return out.join('\n');
}
