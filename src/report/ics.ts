import type { Project } from '../playbook/model.js';
import type { Plan } from '../plan/plan.js';

/** iCalendar text escaping (RFC 5545 3.3.11). */
function esc(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Fold lines longer than 75 octets, never splitting a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * Each task's due date as a 30-minute calendar event at the due time, with its owner, the people
 * holding that role as attendees, and why and how in the description. UIDs are stable, so
 * re-importing after a re-plan updates events instead of duplicating them.
 */
export function renderIcs(project: Project, plan: Plan, generatedAt: Date): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//golive//plan//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${esc(`${project.name} go-live plan`)}`];
  for (const p of plan.tasks) {
    const t = p.task;
    const people = project.people.filter((x) => x.roles.includes(t.owner));
    const end = new Date(p.due.getTime() + 30 * 60_000);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${t.id}@${project.id}.golive`,
      `DTSTAMP:${stamp(generatedAt)}`,
      `DTSTART:${stamp(p.due)}`,
      `DTEND:${stamp(end)}`,
      `SUMMARY:${esc(`[${t.severity}] ${t.title}`)}`,
      `DESCRIPTION:${esc(`Task ${t.id} (${p.offset}), owner ${t.owner}${people.length ? `: ${people.map((x) => x.name).join(', ')}` : ''}.\n\nWhy: ${t.why}\n\nHow: ${t.how}`)}`,
      `CATEGORIES:${esc(t.area)}`,
      ...people.filter((x) => x.email).map((x) => `ATTENDEE;CN=${esc(x.name)};ROLE=REQ-PARTICIPANT:mailto:${x.email}`),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
