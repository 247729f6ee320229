import { DateTime } from 'luxon';
import type { Project } from '../playbook/model.js';
import type { Plan, PlannedTask } from '../plan/plan.js';
import type { PlanDiff } from '../plan/what-if.js';
import type { Style } from './style.js';
import { cell, day, dayTime, mdTable, ownerWithPeople, pad, relativeDays, severityMark } from './text.js';

interface Week {
  monday: DateTime;
  label: string;
  tasks: PlannedTask[];
}

/** Tasks grouped by the local week they are due in, labelled relative to the go-live week. */
export function byWeek(plan: Plan): Week[] {
  const zone = plan.timeZone;
  const goLiveWeek = DateTime.fromJSDate(plan.goLive, { zone }).startOf('week');
  const weeks = new Map<string, Week>();
  for (const t of plan.tasks) {
    const monday = DateTime.fromJSDate(t.due, { zone }).startOf('week');
    const key = monday.toISODate() ?? '';
    const n = Math.round(monday.diff(goLiveWeek, 'weeks').weeks);
    const rel = n === 0 ? 'go-live week' : n < 0 ? `${-n} week${n === -1 ? '' : 's'} before` : `${n} week${n === 1 ? '' : 's'} after`;
    if (!weeks.has(key)) weeks.set(key, { monday, label: `Week of ${monday.toFormat('ccc dd LLL yyyy')} (${rel})`, tasks: [] });
    weeks.get(key)?.tasks.push(t);
  }
  return [...weeks.values()];
}

export function planHeader(project: Project, plan: Plan, now: Date): string[] {
  const zone = project.timeZone;
  return [
    `${project.name}: go-live ${dayTime(plan.goLive, zone)} ${zone} (${relativeDays(plan.goLive, now, zone)})`,
    `Freeze point ${dayTime(plan.freeze, zone)} (${project.policy.freeze}): from then every pre-launch task must be done.`,
  ];
}

export function renderPlanText(project: Project, plan: Plan, now: Date, style: Style): string {
  const zone = project.timeZone;
  const out = planHeader(project, plan, now).map((l, i) => (i === 0 ? style.bold(l) : l));
  for (const week of byWeek(plan)) {
    out.push('', style.bold(week.label));
    const idWidth = Math.max(...week.tasks.map((t) => t.task.id.length));
    for (const t of week.tasks) {
      const moved = t.moved ? style.dim(` (moved from ${day(t.moved.from, zone)}: ${t.moved.because})`) : '';
      out.push(`  ${day(t.due, zone)}  ${pad(t.offset, 6)} ${severityMark(t.task.severity, style)}  ${pad(t.task.id, idWidth)}  ${t.task.title}  ${style.dim(ownerWithPeople(project, t.task.owner))}${moved}`);
    }
  }
  if (plan.findings.length) {
    out.push('', style.yellow('Planning problems:'));
    for (const f of plan.findings) out.push(`  ${f.message}`);
  }
  if (project.dropped.length) {
    out.push('', 'Dropped by this project:');
    for (const d of project.dropped) out.push(`  ${d.task}: ${d.reason}`);
  }
  out.push('', `${plan.tasks.length} tasks from ${project.playbooks.map((p) => `${p.id}@${p.version}`).join(', ')}.`);
  return out.join('\n');
}

export function renderPlanMarkdown(project: Project, plan: Plan, now: Date): string {
  const zone = project.timeZone;
  const out = [`# Plan: ${project.name}`, '', ...planHeader(project, plan, now).map((l) => `${l}  `)];
  for (const week of byWeek(plan)) {
    out.push('', `## ${week.label}`, '');
    out.push(mdTable(['Due', 'Offset', 'Severity', 'Task', 'Title', 'Owner'], week.tasks.map((t) => [day(t.due, zone) + (t.moved ? ` (moved: ${t.moved.because})` : ''), t.offset, t.task.severity, `\`${t.task.id}\``, t.task.title, ownerWithPeople(project, t.task.owner)])));
  }
  if (plan.findings.length) out.push('', '## Planning problems', '', ...plan.findings.map((f) => `- ${cell(f.message)}`));
  if (project.dropped.length) out.push('', '## Dropped by this project', '', ...project.dropped.map((d) => `- \`${d.task}\`: ${cell(d.reason)}`));
  return out.join('\n') + '\n';
}

function shift(n: number): string {
  return `${n > 0 ? '+' : ''}${n} day${Math.abs(n) === 1 ? '' : 's'}`;
}

export function renderWhatIfText(project: Project, diff: PlanDiff, style: Style, markdown = false): string {
  const zone = project.timeZone;
  const b = (s: string) => (markdown ? `**${s}**` : style.bold(s));
  const out = [
    `${markdown ? '# ' : ''}What if go-live moves from ${dayTime(diff.from, zone)} to ${dayTime(diff.to, zone)} (${shift(diff.shiftDays)})?`,
    '',
    `Freeze point: ${dayTime(diff.freeze.from, zone)} -> ${dayTime(diff.freeze.to, zone)}`,
  ];
  const uneven = diff.changes.filter((c) => c.uneven);
  const past = diff.changes.filter((c) => c.nowPast);
  out.push(`${diff.changes.length - uneven.length} tasks move with it by ${shift(diff.shiftDays)}; ${uneven.length} move by a different amount because of weekends and holidays.`);
  if (past.length) out.push(b(`${past.length} due date${past.length === 1 ? ' is' : 's are'} already past under the new date:`), ...past.map((c) => `  ${c.task}  ${day(c.to, zone)}`));
  for (const m of diff.findings.added) out.push(`New planning problem: ${m}`);
  for (const m of diff.findings.removed) out.push(`Solved planning problem: ${m}`);
  out.push('', markdown ? mdTable(['Task', 'Due now', 'Due after the move', 'Shift'], diff.changes.map((c) => [`\`${c.task}\``, day(c.from, zone), day(c.to, zone), shift(c.shiftDays) + (c.uneven ? ' (calendar)' : '') + (c.nowPast ? ' (past)' : '')])) : b('Every due date:'));
  if (!markdown) {
    const w = Math.max(...diff.changes.map((c) => c.task.length), 4);
    for (const c of diff.changes) {
      const note = (c.uneven ? style.yellow(' calendar') : '') + (c.nowPast ? style.red(' past') : '');
      out.push(`  ${pad(c.task, w)}  ${day(c.from, zone)} -> ${day(c.to, zone)}  ${shift(c.shiftDays)}${note}`);
    }
  }
  return out.join('\n') + (markdown ? '\n' : '');
}
