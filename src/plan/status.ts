import { checkSignoffs, activeWaiver, isClosed } from '../gate/signoffs.js';
import type { Project, Task } from '../playbook/model.js';
import { taskRow, type ProjectState, type TaskStatus } from '../state/events.js';
import type { Plan, PlannedTask } from './plan.js';

export interface StatusTask {
  id: string;
  title: string;
  area: string;
  owner: string;
  severity: Task['severity'];
  phase: Task['phase'];
  due: Date;
  status: TaskStatus;
  assignee: string | null;
  waived: boolean;
  /** Roles whose sign-off is still needed. */
  signoffsNeeded: string[];
}

export interface Readiness {
  key: string;
  title: string;
  total: number;
  closed: number;
  overdue: number;
  blocked: number;
  /** Share of tasks done or not applicable, 0-100. */
  percent: number;
  people?: string[];
}

export interface StatusModel {
  now: Date;
  goLive: Date;
  freeze: Date;
  timeZone: string;
  totals: Record<TaskStatus | 'overdue' | 'total', number>;
  overdue: StatusTask[];
  dueThisWeek: StatusTask[];
  upcoming: StatusTask[];
  byArea: Readiness[];
  byOwner: Readiness[];
}

const WEEK = 7 * 24 * 3_600_000;

function statusTask(p: PlannedTask, state: ProjectState, now: Date): StatusTask {
  const row = taskRow(state, p.task.id);
  return {
    id: p.task.id,
    title: p.task.title,
    area: p.task.area,
    owner: p.task.owner,
    severity: p.task.severity,
    phase: p.task.phase,
    due: p.due,
    status: row.status,
    assignee: row.assignee,
    waived: activeWaiver(p.task.id, state, now) !== undefined,
    signoffsNeeded: checkSignoffs(p.task, state, now).filter((c) => c.state !== 'valid').map((c) => c.role),
  };
}

function readiness(tasks: StatusTask[], key: (t: StatusTask) => string, title: (k: string) => string, now: Date): Readiness[] {
  const groups = new Map<string, StatusTask[]>();
  for (const t of tasks) groups.set(key(t), [...(groups.get(key(t)) ?? []), t]);
  return [...groups].map(([k, list]) => {
    const closed = list.filter((t) => isClosed(t.status)).length;
    return {
      key: k,
      title: title(k),
      total: list.length,
      closed,
      overdue: list.filter((t) => !isClosed(t.status) && t.due.getTime() <= now.getTime()).length,
      blocked: list.filter((t) => t.status === 'blocked').length,
      percent: Math.round((closed / list.length) * 100),
    };
  });
}

/** Where the launch stands at `now`: what is late, what is due this week, how ready each area and owner is. */
export function buildStatus(project: Pick<Project, 'areas' | 'roles' | 'people' | 'timeZone'>, plan: Plan, state: ProjectState, now: Date): StatusModel {
  const tasks = plan.tasks.map((p) => statusTask(p, state, now));
  const t = now.getTime();
  const openTasks = tasks.filter((x) => !isClosed(x.status));
  const totals = { total: tasks.length, todo: 0, in_progress: 0, done: 0, blocked: 0, na: 0, overdue: 0 };
  for (const x of tasks) totals[x.status]++;
  totals.overdue = openTasks.filter((x) => x.due.getTime() <= t).length;
  const byOwner = readiness(tasks, (x) => x.owner, (k) => project.roles[k] ?? k, now).map((r) => ({
    ...r,
    people: project.people.filter((p) => p.roles.includes(r.key)).map((p) => p.id),
  }));
  return {
    now,
    goLive: plan.goLive,
    freeze: plan.freeze,
    timeZone: project.timeZone,
    totals,
    overdue: openTasks.filter((x) => x.due.getTime() <= t),
    dueThisWeek: openTasks.filter((x) => x.due.getTime() > t && x.due.getTime() <= t + WEEK),
    upcoming: openTasks.filter((x) => x.due.getTime() > t + WEEK),
    byArea: readiness(tasks, (x) => x.area, (k) => project.areas[k] ?? k, now),
    byOwner,
  };
}
