import { DateTime } from 'luxon';
import type { Plan } from './plan.js';

export interface DueChange {
  task: string;
  title: string;
  from: Date;
  to: Date;
  /** Signed shift in calendar days of the project's time zone. */
  shiftDays: number;
  /** The new due date has already passed at `now`. */
  nowPast: boolean;
  /** Moves by a different number of days than the go-live (a weekend or holiday got in the way). */
  uneven: boolean;
}

export interface PlanDiff {
  from: Date;
  to: Date;
  /** Shift of the go-live itself, in calendar days. */
  shiftDays: number;
  freeze: { from: Date; to: Date };
  changes: DueChange[];
  /** Plan findings (ordering problems) that the move creates or removes. */
  findings: { added: string[]; removed: string[] };
}

function daysBetween(from: Date, to: Date, zone: string): number {
  const a = DateTime.fromJSDate(from, { zone }).startOf('day');
  const b = DateTime.fromJSDate(to, { zone }).startOf('day');
  return Math.round(b.diff(a, 'days').days);
}

/** What moving the go-live date does to every due date. */
export function diffPlans(before: Plan, after: Plan, now: Date): PlanDiff {
  const zone = after.timeZone;
  const old = new Map(before.tasks.map((t) => [t.task.id, t]));
  const shiftDays = daysBetween(before.goLive, after.goLive, zone);
  const changes: DueChange[] = after.tasks.flatMap((t) => {
    const prev = old.get(t.task.id);
    if (!prev) return [];
    const shift = daysBetween(prev.due, t.due, zone);
    return [{ task: t.task.id, title: t.task.title, from: prev.due, to: t.due, shiftDays: shift, nowPast: t.due.getTime() < now.getTime(), uneven: shift !== shiftDays }];
  });
  const messages = (p: Plan) => new Set(p.findings.map((x) => x.message));
  const a = messages(before);
  const b = messages(after);
  return {
    from: before.goLive,
    to: after.goLive,
    shiftDays,
    freeze: { from: before.freeze, to: after.freeze },
    changes,
    findings: { added: [...b].filter((m) => !a.has(m)), removed: [...a].filter((m) => !b.has(m)) },
  };
}
