import { DateTime } from 'luxon';
import type { ChangeEvent } from '../state/events.js';
import type { Plan } from './plan.js';

/** A recorded change, as the burn-down needs it (the audit log's entries fit). */
export interface DatedChange {
  at: Date;
  payload: Record<string, unknown>;
}

export interface BurndownPoint {
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Tasks not done or not applicable at the end of that day; absent for days still to come. */
  open?: number;
  /** Tasks the plan has due after that day: where the line should be. */
  planned: number;
}

/**
 * Open tasks per day, replayed from the audit log, next to the planned line. Starts at the first
 * recorded change (at least two weeks before `now`) and runs to the go-live day.
 */
export function buildBurndown(plan: Plan, changes: DatedChange[], now: Date): BurndownPoint[] {
  const zone = plan.timeZone;
  const ids = new Set(plan.tasks.map((t) => t.task.id));
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  const first = changes[0] ? DateTime.fromJSDate(changes[0].at, { zone }).startOf('day') : today;
  let day = DateTime.min(first, today.minus({ days: 13 }));
  const last = DateTime.max(DateTime.fromJSDate(plan.goLive, { zone }).startOf('day'), today);
  const closed = new Set<string>();
  const points: BurndownPoint[] = [];
  let i = 0;
  for (let guard = 0; day <= last && guard < 3660; guard++, day = day.plus({ days: 1 })) {
    const end = day.endOf('day').toMillis();
    for (; i < changes.length && (changes[i]?.at.getTime() ?? Infinity) <= end; i++) {
      const e = changes[i]?.payload as ChangeEvent | undefined;
      if (e?.action !== 'task.status' || !ids.has(e.task)) continue;
      if (e.to === 'done' || e.to === 'na') closed.add(e.task);
      else closed.delete(e.task);
    }
    const planned = plan.tasks.filter((t) => t.due.getTime() > end).length;
    const point: BurndownPoint = { date: day.toISODate() ?? '', planned };
    if (day <= today) point.open = ids.size - closed.size;
    points.push(point);
  }
  return points;
}
