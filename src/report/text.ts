import { DateTime } from 'luxon';
import type { Project } from '../playbook/model.js';
import { formatInstant } from '../plan/time.js';
import type { Style } from './style.js';

/** Shared bits of the text and Markdown renderers. */
export const day = (d: Date, zone: string) => formatInstant(d, zone, 'day');
export const dayTime = (d: Date, zone: string) => formatInstant(d, zone, 'dayTime');
export const date = (d: Date, zone: string) => formatInstant(d, zone, 'date');

/** "in 21 days", "3 days ago", "today" relative to now, in calendar days of the zone. */
export function relativeDays(d: Date, now: Date, zone: string): string {
  const a = DateTime.fromJSDate(now, { zone }).startOf('day');
  const b = DateTime.fromJSDate(d, { zone }).startOf('day');
  const n = Math.round(b.diff(a, 'days').days);
  if (n === 0) return 'today';
  if (n === 1) return 'tomorrow';
  if (n === -1) return 'yesterday';
  return n > 0 ? `in ${n} days` : `${-n} days ago`;
}

export function ownerWithPeople(project: Pick<Project, 'people'>, role: string): string {
  const people = project.people.filter((p) => p.roles.includes(role)).map((p) => p.id);
  return people.length ? `${role} (${people.join(', ')})` : `${role} (nobody)`;
}

export function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

export function bar(percent: number, width = 10): string {
  const full = Math.round((percent / 100) * width);
  return '█'.repeat(full) + '░'.repeat(width - full);
}

export const STATUS_LABEL: Record<string, string> = { todo: 'todo', in_progress: 'in progress', done: 'done', blocked: 'blocked', na: 'n/a' };

export function severityMark(severity: string, style: Style): string {
  if (severity === 'blocker') return style.red('blocker');
  if (severity === 'major') return style.yellow('major  ');
  return style.dim('minor  ');
}

export function statusMark(status: string, style: Style, width = 0): string {
  const label = pad(STATUS_LABEL[status] ?? status, width);
  if (status === 'done' || status === 'na') return style.green(label);
  if (status === 'blocked') return style.red(label);
  if (status === 'in_progress') return style.cyan(label);
  return label;
}

/** A Markdown table cell: pipes escaped, newlines flattened. */
export function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function mdTable(head: string[], rows: string[][]): string {
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

/** A sparkline of small integers, for burn-downs in a terminal. */
export function sparkline(values: number[]): string {
  const ticks = '▁▂▃▄▅▆▇█';
  const max = Math.max(1, ...values);
  return values.map((v) => ticks[Math.min(ticks.length - 1, Math.floor((v / max) * (ticks.length - 1)))]).join('');
}
