import type { Project } from '../playbook/model.js';
import type { GateReason, GateResult, GateTask } from '../gate/gate.js';
import type { Style } from './style.js';
import { cell, date, day, dayTime, relativeDays, STATUS_LABEL } from './text.js';

function taskDetail(t: GateTask, zone: string): string {
  const who = t.people.length ? `${t.owner} (${t.people.join(', ')})` : `${t.owner} (nobody)`;
  const parts = [`${t.severity}`, `owner ${who}`, `due ${day(t.due, zone)}`, STATUS_LABEL[t.status] ?? t.status];
  if (t.signoffs?.length) parts.push(`sign-off ${t.signoffs.map((s) => `${s.role}: ${s.state}`).join(', ')}`);
  if (t.waiver) parts.push(`waived by ${t.waiver.person} until ${date(t.waiver.until, zone)}: ${t.waiver.reason}`);
  return parts.join(' · ');
}

const MARK = { 'no-go': 'x', risk: '!', note: '-' } as const;

export function verdictLine(gate: GateResult, style: Style): string {
  const paint = gate.verdict === 'GO' ? style.green : gate.verdict === 'NO-GO' ? style.red : style.yellow;
  return style.bold(paint(gate.verdict));
}

export function renderGateText(project: Project, gate: GateResult, style: Style): string {
  const zone = project.timeZone;
  const out = [
    `${verdictLine(gate, style)}  ${project.name}, go-live ${dayTime(gate.goLive, zone)} ${zone} (${relativeDays(gate.goLive, gate.at, zone)})`,
    style.dim(`as of ${dayTime(gate.at, zone)}; freeze point ${dayTime(gate.freeze, zone)}${gate.frozen ? ' (passed)' : ''}`),
  ];
  const paint = (r: GateReason) => (r.level === 'no-go' ? style.red : r.level === 'risk' ? style.yellow : style.dim);
  for (const r of gate.reasons) {
    out.push('', paint(r)(`${MARK[r.level]} ${r.message}`));
    const width = Math.max(...r.tasks.map((t) => t.id.length));
    for (const t of r.tasks) {
      out.push(`    ${t.id.padEnd(width)}  ${t.title}`, style.dim(`    ${' '.repeat(width)}  ${taskDetail(t, zone)}`));
      for (const c of t.checks ?? []) out.push(`    ${' '.repeat(width)}  ${c.status} ${c.rule} ${c.target}: ${c.summary}`);
    }
  }
  if (gate.reasons.length === 0) out.push('', 'Every blocker due by now is done, every required sign-off is in place, and no risk is waived.');
  if (!gate.frozen && gate.verdict !== 'NO-GO') out.push('', style.dim(`Not final: from the freeze point (${day(gate.freeze, zone)}) every pre-launch task must be done.`));
  if (gate.recommendation) out.push('', style.bold(`Recommendation: ${gate.recommendation}`));
  return out.join('\n');
}

export function renderGateMarkdown(project: Project, gate: GateResult, heading = '#'): string {
  const zone = project.timeZone;
  const icon = gate.verdict === 'GO' ? '🟢' : gate.verdict === 'NO-GO' ? '🔴' : '🟡';
  const out = [
    `${heading} ${icon} ${gate.verdict}: ${cell(project.name)}`,
    '',
    `Go-live ${dayTime(gate.goLive, zone)} ${zone} (${relativeDays(gate.goLive, gate.at, zone)}). As of ${dayTime(gate.at, zone)}; freeze point ${dayTime(gate.freeze, zone)}${gate.frozen ? ' (passed)' : ''}.`,
  ];
  for (const r of gate.reasons) {
    out.push('', `${heading}# ${r.level === 'no-go' ? '❌' : r.level === 'risk' ? '⚠️' : 'ℹ️'} ${cell(r.message)}`, '');
    for (const t of r.tasks) {
      out.push(`- \`${t.id}\` ${cell(t.title)}: ${cell(taskDetail(t, zone))}`);
      for (const c of t.checks ?? []) out.push(`  - ${c.status} \`${c.rule}\` ${cell(c.target)}: ${cell(c.summary)}`);
    }
  }
  if (gate.recommendation) out.push('', `**Recommendation:** ${gate.recommendation}`);
  return out.join('\n') + '\n';
}
