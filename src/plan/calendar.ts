import type { DateTime } from 'luxon';
import type { Calendar } from '../playbook/model.js';

export function holidayName(day: DateTime, calendar: Calendar): string | undefined {
  const iso = day.toISODate();
  const h = calendar.holidays.find((x) => x.date === iso);
  return h ? (h.name ?? 'holiday') : undefined;
}

export function isWorkingDay(day: DateTime, calendar: Calendar): boolean {
  return !calendar.weekend.includes(day.weekday) && holidayName(day, calendar) === undefined;
}

/** Why a day is not worked, for the plan's explanation of a moved due date. */
export function nonWorkingReason(day: DateTime, calendar: Calendar): string | undefined {
  if (calendar.weekend.includes(day.weekday)) return day.toFormat('cccc');
  return holidayName(day, calendar);
}

const MAX_SCAN = 366;

/** The same time of day on the nearest working day at or before `day`. */
export function atOrBeforeWorkingDay(day: DateTime, calendar: Calendar): DateTime {
  let d = day;
  for (let i = 0; i < MAX_SCAN && !isWorkingDay(d, calendar); i++) d = d.minus({ days: 1 });
  return d;
}

/** Move by `n` working days (negative: back), counting from `day`, keeping the time of day. */
export function addWorkingDays(day: DateTime, n: number, calendar: Calendar): DateTime {
  const step = n < 0 ? -1 : 1;
  let d = day;
  let left = Math.abs(n);
  // Bounded: at least one working day a week (validation refuses a seven-day weekend), plus holidays.
  for (let i = 0; left > 0 && i < Math.abs(n) * 7 + MAX_SCAN * 3; i++) {
    d = d.plus({ days: step });
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}
