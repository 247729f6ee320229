import { activeWaiver, checkSignoffs } from '../gate/signoffs.js';
import type { Project, Task } from '../playbook/model.js';
import type { Plan } from '../plan/plan.js';
import { taskRow, type ProjectState } from '../state/events.js';
import { dayTime, ownerWithPeople, STATUS_LABEL } from './text.js';

/** One task in full: state, schedule, owner, why and how, requirements, sign-offs, evidence, notes, origin. */
export function renderTaskText(project: Project, plan: Plan, task: Task, state: ProjectState, now: Date): string {
  const row = taskRow(state, task.id);
  const planned = plan.tasks.find((p) => p.task.id === task.id);
  const zone = project.timeZone;
  const lines = [
    `${task.id}: ${task.title}`,
    `  status    ${STATUS_LABEL[row.status]}${row.reason ? ` (${row.reason})` : ''}${row.assignee ? `, assigned to ${row.assignee}` : ''}`,
    `  due       ${planned ? `${dayTime(planned.due, zone)} (${planned.offset})` : '-'}   severity ${task.severity}   area ${task.area}   phase ${task.phase}`,
    `  owner     ${ownerWithPeople(project, task.owner)}`,
    `  why       ${task.why}`,
    `  how       ${task.how}`,
  ];
  if (task.requires.length) lines.push(`  requires  ${task.requires.map((r) => `${r} (${STATUS_LABEL[taskRow(state, r).status]})`).join(', ')}`);
  for (const c of checkSignoffs(task, state, now)) lines.push(`  sign-off  ${c.role}: ${c.state}${'signoff' in c ? ` (${c.signoff.person}, ${dayTime(c.signoff.at, zone)})` : ''}`);
  const w = activeWaiver(task.id, state, now);
  if (w) lines.push(`  waived    by ${w.person} until ${dayTime(w.until, zone)}: ${w.reason}`);
  for (const c of task.checks) lines.push(`  check     ${c.rule} ${typeof c.target === 'string' ? c.target : JSON.stringify(c.target)}${Object.keys(c.with).length ? ` with ${JSON.stringify(c.with)}` : ''}${c.environments ? ` (only ${c.environments.join(', ')})` : ''}`);
  for (const e of row.evidence) lines.push(`  evidence  ${e}`);
  for (const n of state.notes.filter((x) => x.task === task.id)) lines.push(`  note      ${dayTime(n.at, zone)} ${n.author}: ${n.text}`);
  for (const src of task.sources) lines.push(`  source    ${src.doc} / ${src.section} / "${src.item}"`);
  for (const c of task.changes) lines.push(`  changed   ${c.kind}${c.from ? ` (was ${c.from})` : ''}: ${c.reason}`);
  lines.push(`  from      ${task.playbook} (${task.origin.file}:${task.origin.line})`);
  return lines.join('\n');
}
