import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import type { Calendar } from '../playbook/model.js';
import { NO_WEEKEND, task, WEEKDAYS_ONLY } from '../../test/support/tasks.js';
import { isWorkingDay } from './calendar.js';
import { buildPlan, dueFor } from './plan.js';
import { localToInstant } from './time.js';
import { diffPlans } from './what-if.js';

function instant(local: string, zone: string): Date {
  const r = localToInstant(local, zone);
  if ('problem' in r) throw new Error(r.problem);
  return r.instant;
}

const iso = (d: Date) => d.toISOString().replace(':00.000Z', 'Z');

describe('due dates across time zones and daylight saving', () => {
  const cases: { name: string; zone: string; goLive: string; offset: string; calendar?: Calendar; due: string; local?: string }[] = [
    { name: 'Berlin: a week before, across the spring change', zone: 'Europe/Berlin', goLive: '2026-03-31T09:00', offset: 'T-1w', due: '2026-03-24T08:00Z', local: '2026-03-24 09:00' },
    { name: 'Berlin: two weeks before, across the autumn change', zone: 'Europe/Berlin', goLive: '2026-11-03T09:00', offset: 'T-2w', due: '2026-10-20T07:00Z', local: '2026-10-20 09:00' },
    { name: 'Berlin: hours are exact durations across the change', zone: 'Europe/Berlin', goLive: '2026-03-29T09:00', offset: 'T-12h', calendar: NO_WEEKEND, due: '2026-03-28T19:00Z', local: '2026-03-28 20:00' },
    { name: 'Berlin: go-live itself', zone: 'Europe/Berlin', goLive: '2026-12-14T09:00', offset: 'T0', due: '2026-12-14T08:00Z' },
    { name: 'New York: a week before, across the March change', zone: 'America/New_York', goLive: '2026-03-09T10:00', offset: 'T-1w', due: '2026-03-02T15:00Z', local: '2026-03-02 10:00' },
    { name: 'New York: the day before lands on Sunday and moves to Friday, across the November change', zone: 'America/New_York', goLive: '2026-11-02T10:00', offset: 'T-1d', due: '2026-10-30T14:00Z', local: '2026-10-30 10:00' },
    { name: 'Dubai: no daylight saving', zone: 'Asia/Dubai', goLive: '2026-03-31T09:00', offset: 'T-1w', due: '2026-03-24T05:00Z' },
    { name: 'Dubai: a Friday-Saturday weekend moves Friday to Thursday', zone: 'Asia/Dubai', goLive: '2026-03-31T09:00', offset: 'T-4d', calendar: { weekend: [5, 6], holidays: [] }, due: '2026-03-26T05:00Z' },
    { name: 'after go-live: a Saturday moves back to Friday', zone: 'Europe/Berlin', goLive: '2026-12-12T10:00', offset: 'T+1w', due: '2026-12-18T09:00Z' },
    { name: 'after go-live: never moved to before it (go-live Saturday, T+1d is Sunday)', zone: 'Europe/Berlin', goLive: '2027-03-06T09:00', offset: 'T+1d', due: '2027-03-07T08:00Z' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const goLive = instant(c.goLive, c.zone);
      const { due } = dueFor(c.offset, goLive, c.zone, c.calendar ?? WEEKDAYS_ONLY);
      expect(iso(due)).toBe(c.due);
      if (c.local) expect(DateTime.fromJSDate(due, { zone: c.zone }).toFormat('yyyy-LL-dd HH:mm')).toBe(c.local);
    });
  }

  it('rejects a go-live inside the spring gap, in Berlin and New York', () => {
    expect(localToInstant('2026-03-29T02:30', 'Europe/Berlin')).toHaveProperty('problem');
    expect(localToInstant('2026-03-08T02:30', 'America/New_York')).toHaveProperty('problem');
    expect(localToInstant('2026-02-30T09:00', 'Europe/Berlin')).toHaveProperty('problem');
  });
});

describe('working calendar', () => {
  const zone = 'Europe/Berlin';
  const christmas: Calendar = { weekend: [6, 7], holidays: [{ date: '2026-12-24', name: 'Christmas Eve' }, { date: '2026-12-25', name: 'Christmas Day' }, { date: '2026-12-08' }] };
  const cases: { name: string; goLive: string; offset: string; calendar: Calendar; local: string; because?: string }[] = [
    { name: 'ten working days back over two weekends', goLive: '2026-12-14T09:00', offset: 'T-10wd', calendar: WEEKDAYS_ONLY, local: '2026-11-30 09:00' },
    { name: 'working days skip a holiday', goLive: '2026-12-14T09:00', offset: 'T-10wd', calendar: christmas, local: '2026-11-27 09:00' },
    { name: 'working days forward after go-live skip two holidays and a weekend', goLive: '2026-12-23T09:00', offset: 'T+3wd', calendar: christmas, local: '2026-12-30 09:00' },
    { name: 'two holidays in a row move the date back twice', goLive: '2027-01-08T09:00', offset: 'T-2w', calendar: christmas, local: '2026-12-23 09:00', because: 'Christmas Day' },
    { name: 'a weekend date moves to Friday', goLive: '2026-12-14T09:00', offset: 'T-1d', calendar: WEEKDAYS_ONLY, local: '2026-12-11 09:00', because: 'Sunday' },
    { name: 'an unnamed holiday', goLive: '2026-12-15T09:00', offset: 'T-1w', calendar: christmas, local: '2026-12-07 09:00', because: 'holiday' },
    { name: 'a working day stays put', goLive: '2026-12-14T09:00', offset: 'T-3w', calendar: christmas, local: '2026-11-23 09:00' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = dueFor(c.offset, instant(c.goLive, zone), zone, c.calendar);
      expect(DateTime.fromJSDate(r.due, { zone }).toFormat('yyyy-LL-dd HH:mm')).toBe(c.local);
      expect(r.moved?.because).toBe(c.because);
    });
  }

  it('never moves a due date later, and always lands on a working day', () => {
    const goLive = instant('2026-12-30T09:00', zone);
    for (let n = 1; n <= 60; n++) {
      for (const unit of ['d', 'w'] as const) {
        const offset = `T-${n}${unit}`;
        const r = dueFor(offset, goLive, zone, christmas);
        const raw = DateTime.fromJSDate(goLive, { zone }).minus(unit === 'd' ? { days: n } : { weeks: n });
        expect(r.due.getTime(), offset).toBeLessThanOrEqual(raw.toMillis());
        expect(isWorkingDay(DateTime.fromJSDate(r.due, { zone }), christmas), offset).toBe(true);
      }
    }
  });
});

describe('plan', () => {
  const zone = 'Europe/Berlin';
  const base = { timeZone: zone, calendar: WEEKDAYS_ONLY, hypercare: 'T+2w', freeze: 'T-7d' };

  it('orders tasks by due date, dates phases and the freeze point', () => {
    const goLive = instant('2026-12-14T09:00', zone);
    const plan = buildPlan({ ...base, goLive, tasks: [task('c', { phase: 'hypercare' }), task('a', { due: 'T-2w' }), task('b', { phase: 'cutover' })] });
    expect(plan.tasks.map((t) => [t.task.id, t.offset])).toEqual([['a', 'T-2w'], ['b', 'T0'], ['c', 'T+2w']]);
    expect(plan.tasks[1]?.due).toEqual(goLive);
    expect(iso(plan.freeze)).toBe('2026-12-07T08:00Z');
  });

  it('reports a task due before a task it requires', () => {
    const plan = buildPlan({ ...base, goLive: instant('2026-12-14T09:00', zone), tasks: [task('early', { due: 'T-3w', requires: ['late'] }), task('late', { due: 'T-1w' }), task('fine', { due: 'T-1w', requires: ['late'] })] });
    expect(plan.findings).toEqual([expect.objectContaining({ task: 'early', requires: 'late', code: 'due-before-requirement' })]);
  });

  it('re-flows when the go-live moves, and says which tasks the calendar moved unevenly', () => {
    const tasks = [task('a', { due: 'T-2d' }), task('b', { due: 'T-1w' }), task('c', { due: 'T-5d' })];
    const before = buildPlan({ ...base, goLive: instant('2026-12-14T09:00', zone), tasks });
    const after = buildPlan({ ...base, goLive: instant('2026-12-16T09:00', zone), tasks });
    const diff = diffPlans(before, after, instant('2026-12-01T09:00', zone));
    expect(diff.shiftDays).toBe(2);
    const byId = Object.fromEntries(diff.changes.map((c) => [c.task, c]));
    // T-2d: Sat 12 Dec -> Fri 11 Dec before; Mon 14 Dec after: 3 days, not 2.
    expect(byId.a).toMatchObject({ shiftDays: 3, uneven: true });
    expect(byId.b).toMatchObject({ shiftDays: 2, uneven: false });
    // T-5d: Wed 9 Dec before; Fri 11 Dec after.
    expect(byId.c).toMatchObject({ shiftDays: 2, uneven: false, nowPast: false });
    expect(iso(diff.freeze.to)).toBe('2026-12-09T08:00Z');
  });

  it('flags due dates that a move puts in the past', () => {
    const tasks = [task('a', { due: 'T-3w' })];
    const before = buildPlan({ ...base, goLive: instant('2027-01-20T09:00', zone), tasks });
    const after = buildPlan({ ...base, goLive: instant('2026-12-20T09:00', zone), tasks });
    const diff = diffPlans(before, after, instant('2026-12-01T09:00', zone));
    expect(diff.changes[0]).toMatchObject({ nowPast: true });
  });
});
