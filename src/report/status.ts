import type { Project } from '../playbook/model.js';
import type { Readiness, StatusModel, StatusTask } from '../plan/status.js';
import type { Style } from './style.js';
import { bar, day, dayTime, mdTable, ownerWithPeople, pad, relativeDays, severityMark, STATUS_LABEL, statusMark } from './text.js';

const UPCOMING_SHOWN = 10;

function summary(project: Project, s: StatusModel): string[] {
  const zone = project.timeZone;
  const t = s.totals;
  const closed = t.done + t.na;
  return [
    `${project.name}: go-live ${dayTime(s.goLive, zone)} ${zone} (${relativeDays(s.goLive, s.now, zone)}), freeze ${dayTime(s.freeze, zone)}`,
    `${closed}/${t.total} tasks closed (${Math.round((closed / Math.max(1, t.total)) * 100)}%), ${t.in_progress} in progress, ${t.blocked} blocked, ${t.overdue} overdue`,
  ];
}

function taskLine(project: Project, t: StatusTask, style: Style, idWidth: number): string {
  const extra = [t.waived ? style.yellow('waived') : '', t.signoffsNeeded.length ? style.dim(`sign-off: ${t.signoffsNeeded.join(', ')}`) : '', t.assignee ? style.dim(`assigned to ${t.assignee}`) : ''].filter(Boolean).join('  ');
  return `  ${day(t.due, project.timeZone)}  ${severityMark(t.severity, style)}  ${pad(t.id, idWidth)}  ${statusMark(t.status, style, 12)} ${t.title}  ${style.dim(ownerWithPeople(project, t.owner))}${extra ? `  ${extra}` : ''}`;
}

function section(project: Project, title: string, tasks: StatusTask[], style: Style, limit = Infinity): string[] {
  if (tasks.length === 0) return [style.bold(`${title}: none`)];
  const shown = tasks.slice(0, limit);
  const w = Math.max(...shown.map((t) => t.id.length));
  const more = tasks.length > shown.length ? style.dim(` (next ${shown.length} shown; golive plan lists all)`) : '';
  return [style.bold(`${title} (${tasks.length})`) + more, ...shown.map((t) => taskLine(project, t, style, w))];
}

function readinessLines(rows: Readiness[], label: (r: Readiness) => string, style: Style): string[] {
  const w = Math.max(...rows.map((r) => label(r).length), 4);
  return rows.map((r) => {
    const late = r.overdue ? style.red(`${r.overdue} overdue`) : '';
    const blocked = r.blocked ? style.red(`${r.blocked} blocked`) : '';
    return `  ${pad(label(r), w)}  ${bar(r.percent)} ${pad(`${r.percent}%`, 4)} ${pad(`${r.closed}/${r.total}`, 7)} ${[late, blocked].filter(Boolean).join(', ')}`.trimEnd();
  });
}

export function renderStatusText(project: Project, s: StatusModel, style: Style): string {
  const [first, second] = summary(project, s);
  return [
    style.bold(first ?? ''),
    second ?? '',
    '',
    ...section(project, 'Overdue', s.overdue, style),
    '',
    ...section(project, 'Due this week', s.dueThisWeek, style),
    '',
    ...section(project, 'Upcoming', s.upcoming, style, UPCOMING_SHOWN),
    '',
    style.bold('Readiness by area'),
    ...readinessLines(s.byArea, (r) => r.key, style),
    '',
    style.bold('Readiness by owner'),
    ...readinessLines(s.byOwner, (r) => (r.people?.length ? `${r.key} (${r.people.join(', ')})` : `${r.key} (nobody)`), style),
  ].join('\n');
}

function taskRows(project: Project, tasks: StatusTask[]): string[][] {
  return tasks.map((t) => [day(t.due, project.timeZone), t.severity, `\`${t.id}\``, t.title, STATUS_LABEL[t.status] ?? t.status, ownerWithPeople(project, t.owner) + (t.waived ? ' (waived)' : '')]);
}

const readinessTable = (rows: Readiness[], label: (r: Readiness) => string) =>
  mdTable(['', 'Closed', 'Ready', 'Overdue', 'Blocked'], rows.map((r) => [label(r), `${r.closed}/${r.total}`, `${r.percent}%`, String(r.overdue), String(r.blocked)]));

export function renderStatusMarkdown(project: Project, s: StatusModel, heading = '#'): string {
  const head = ['Due', 'Severity', 'Task', 'Title', 'Status', 'Owner'];
  const part = (title: string, tasks: StatusTask[], limit = Infinity) =>
    tasks.length === 0 ? [`${heading}# ${title}`, '', 'None.'] : [`${heading}# ${title} (${tasks.length})`, '', mdTable(head, taskRows(project, tasks.slice(0, limit)))];
  return [
    `${heading} Status: ${project.name}`,
    '',
    ...summary(project, s).map((l) => `${l}  `),
    '',
    ...part('Overdue', s.overdue),
    '',
    ...part('Due this week', s.dueThisWeek),
    '',
    ...part('Upcoming', s.upcoming, UPCOMING_SHOWN),
    '',
    `${heading}# Readiness by area`,
    '',
    readinessTable(s.byArea, (r) => r.title),
    '',
    `${heading}# Readiness by owner`,
    '',
    readinessTable(s.byOwner, (r) => `${r.key}${r.people?.length ? ` (${r.people.join(', ')})` : ''}`),
    '',
  ].join('\n');
}
