import { DateTime } from 'luxon';
import type { Calendar, Task } from '../playbook/model.js';
import { addWorkingDays, atOrBeforeWorkingDay, nonWorkingReason } from './calendar.js';
import { parseOffset } from './offset.js';

export interface PlanInput {
  goLive: Date;
  timeZone: string;
  calendar: Calendar;
  /** Offset that dates hypercare tasks without a due of their own. */
  hypercare: string;
  /** Offset of the freeze point of the gate policy. */
  freeze: string;
  tasks: Task[];
}

export interface PlannedTask {
  task: Task;
  /** The offset the due date was computed from (the phase default when the task has none). */
  offset: string;
  due: Date;
  /** Set when the calendar moved the due date to an earlier working day. */
  moved?: { from: Date; because: string };
}

export interface PlanFinding {
  code: 'due-before-requirement';
  task: string;
  requires: string;
  message: string;
}

export interface Plan {
  goLive: Date;
  timeZone: string;
  freeze: Date;
  tasks: PlannedTask[];
  findings: PlanFinding[];
}

/** Due instant for an offset. Day and week offsets keep the go-live's wall-clock time across DST changes. */
export function dueFor(offsetText: string, goLive: Date, zone: string, calendar: Calendar): Omit<PlannedTask, 'task' | 'offset'> {
  const start = DateTime.fromJSDate(goLive, { zone });
  const o = parseOffset(offsetText);
  if (o.sign === 0) return { due: goLive };
  if (o.unit === 'h') return { due: start.plus({ hours: o.sign * o.amount }).toJSDate() };
  if (o.unit === 'wd') return { due: addWorkingDays(start, o.sign * o.amount, calendar).toJSDate() };
  const raw = start.plus(o.unit === 'w' ? { weeks: o.sign * o.amount } : { days: o.sign * o.amount });
  const worked = atOrBeforeWorkingDay(raw, calendar);
  // Earlier, never later; but work due after go-live never moves to before it (go-live on a Saturday, T+1d).
  if (worked.toMillis() === raw.toMillis() || (o.sign > 0 && worked.toMillis() < goLive.getTime())) return { due: raw.toJSDate() };
  return { due: worked.toJSDate(), moved: { from: raw.toJSDate(), because: nonWorkingReason(raw, calendar) ?? 'non-working day' } };
}

function offsetOf(task: Task, hypercare: string): string {
  if (task.due !== undefined) return task.due;
  return task.phase === 'hypercare' ? hypercare : 'T0';
}

const SEVERITY_ORDER = { blocker: 0, major: 1, minor: 2 } as const;

/** Date every task from the go-live instant. Pure: same input, same plan. */
export function buildPlan(input: PlanInput): Plan {
  const tasks = input.tasks.map((task): PlannedTask => {
    const offset = offsetOf(task, input.hypercare);
    return { task, offset, ...dueFor(offset, input.goLive, input.timeZone, input.calendar) };
  });
  tasks.sort(
    (a, b) =>
      a.due.getTime() - b.due.getTime() ||
      SEVERITY_ORDER[a.task.severity] - SEVERITY_ORDER[b.task.severity] ||
      a.task.id.localeCompare(b.task.id),
  );
  const byId = new Map(tasks.map((t) => [t.task.id, t]));
  const findings: PlanFinding[] = [];
  for (const t of tasks) {
    for (const r of t.task.requires) {
      const req = byId.get(r);
      if (req && req.due.getTime() > t.due.getTime()) {
        findings.push({
          code: 'due-before-requirement',
          task: t.task.id,
          requires: r,
          message: `"${t.task.id}" is due before "${r}", which it requires`,
        });
      }
    }
  }
  const freeze = dueFor(input.freeze, input.goLive, input.timeZone, input.calendar).due;
  return { goLive: input.goLive, timeZone: input.timeZone, freeze, tasks, findings };
}
