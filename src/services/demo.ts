import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { parseDocument } from 'yaml';
import type { ChangeEvent } from '../state/events.js';
import type { Store } from '../store/store.js';
import type { Session } from './session.js';
import { projectYaml } from './init.js';
import { schemaRef } from './schema-ref.js';

export const DEMO_ZONE = 'Europe/Berlin';

export const DEMO_PEOPLE = [
  { id: 'dana', name: 'Dana Ruiz', roles: ['delivery-lead'], email: 'dana@shop.example' },
  { id: 'pia', name: 'Pia Novak', roles: ['product'], email: 'pia@shop.example' },
  { id: 'tomas', name: 'Tomas Berg', roles: ['tech-lead', 'developer'], email: 'tomas@shop.example' },
  { id: 'oskar', name: 'Oskar Lind', roles: ['ops', 'security'], email: 'oskar@shop.example' },
  { id: 'quinn', name: 'Quinn Adler', roles: ['qa'] },
  { id: 'sofia', name: 'Sofia Marin', roles: ['seo', 'marketing'] },
  { id: 'maya', name: 'Maya Okafor', roles: ['marketing-ops', 'cx'] },
  { id: 'lena', name: 'Lena Vogt', roles: ['legal'] },
  { id: 'dev', name: 'Dev Patel', roles: ['data'] },
  { id: 'sam', name: 'Sam Keller', roles: ['support'] },
];

/** Go-live three weeks from now at 09:00 in Berlin, moved to the Monday after if it falls on a weekend. */
export function demoGoLive(now: Date): string {
  let d = DateTime.fromJSDate(now, { zone: DEMO_ZONE }).plus({ weeks: 3 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
  while (d.weekday > 5) d = d.plus({ days: 1 });
  return d.toFormat("yyyy-LL-dd'T'HH:mm");
}

/** What the demo's golive.yaml needs to reach its loopback servers (absent with --no-checks). */
export interface DemoNetwork {
  url: string;
  vars: Record<string, string>;
  network: { resolvers: string[]; caFile: string; timeout: string };
}

/**
 * Production points at the demo's own servers (`production`: the environment as golive.yaml holds it);
 * checks that need a real DNS hierarchy are dropped, with the reason. Shared by both demos.
 */
export function withDemoNetwork(yamlText: string, production: Record<string, unknown>): string {
  const doc = parseDocument(yamlText);
  doc.setIn(['environments', 'production'], doc.createNode(production));
  const reason = 'the demo runs one loopback DNS server on a spare port, without a parent zone to delegate from';
  doc.setIn(['overrides'], doc.createNode({
    checks: [
      { task: 'web.dns-ttl-lowered', rule: 'dns/ttl-before-cutover', drop: true, reason },
      { task: 'spryker.dns-delegation', rule: 'dns/delegation', drop: true, reason },
      { task: 'spryker.dns-delegation', rule: 'dns/consistency', drop: true, reason },
    ],
  }));
  return doc.toString({ lineWidth: 0 });
}

export function writeDemoProject(dir: string, now: Date, net?: DemoNetwork): string {
  const file = path.join(dir, 'golive.yaml');
  const year = DateTime.fromJSDate(now, { zone: DEMO_ZONE }).year;
  const holidays = [year, year + 1].flatMap((y) => [`${y}-12-24`, `${y}-12-25`, `${y}-12-26`, `${y}-12-31`, `${y + 1}-01-01`]);
  const text = projectYaml({
    id: 'demo-shop',
    name: 'Demo shop relaunch',
    goLive: demoGoLive(now),
    timeZone: DEMO_ZONE,
    playbooks: ['spryker-cloud', 'sitecore-cdp-personalize'],
    environments: [{ name: 'staging', url: 'https://staging.shop.example' }, { name: 'production', url: 'https://www.shop.example' }],
    people: DEMO_PEOPLE,
    holidays: [...new Set(holidays)],
  }, schemaRef(file));
  writeFileSync(file, net ? withDemoNetwork(text, { url: net.url, vars: net.vars, network: net.network }) : text);
  return file;
}

export interface Step {
  at: Date;
  actor: string;
  event: ChangeEvent;
}

const personFor = (role: string) => DEMO_PEOPLE.find((p) => p.roles.includes(role))?.id ?? 'dana';

/**
 * Two to six weeks of simulated work: most tasks due so far are done (with sign-offs), two
 * blockers are late, one late task carries a waiver, one done task misses its sign-off, one task
 * is blocked and a few are in progress.
 */
export function demoHistory(s: Session): Step[] {
  const now = s.ctx.now.getTime();
  const day = 86_400_000;
  const due = s.plan.tasks.filter((t) => t.due.getTime() < now);
  const lateBlockers = due.filter((t) => t.task.severity === 'blocker').slice(-2).map((t) => t.task.id);
  const waived = due.filter((t) => t.task.severity === 'major' && !lateBlockers.includes(t.task.id)).slice(-1).map((t) => t.task.id);
  const unsigned = due.find((t) => t.task.signoff.length > 0 && !lateBlockers.includes(t.task.id))?.task.id;
  const steps: Step[] = [];
  due.forEach((t, i) => {
    const id = t.task.id;
    if (lateBlockers.includes(id) || waived.includes(id)) return;
    const doneAt = new Date(Math.min(t.due.getTime() - (i % 4) * day + (i % 7) * 3_600_000, now - day));
    const owner = personFor(t.task.owner);
    steps.push({ at: new Date(doneAt.getTime() - 2 * day), actor: owner, event: { action: 'task.status', task: id, to: 'in_progress' } });
    steps.push({ at: doneAt, actor: owner, event: { action: 'task.status', task: id, to: 'done', evidence: [`https://wiki.shop.example/launch/${id}`] } });
    if (id === unsigned) return;
    for (const role of t.task.signoff) steps.push({ at: new Date(doneAt.getTime() + 3_600_000), actor: personFor(role), event: { action: 'signoff.add', task: id, id: randomUUID(), person: personFor(role), role, evidence: `https://wiki.shop.example/launch/${id}#review` } });
  });
  for (const id of waived) steps.push({ at: new Date(now - day), actor: 'dana', event: { action: 'waiver.add', task: id, id: randomUUID(), person: 'dana', reason: 'Accepted for launch: the team finishes it during hypercare; owner checks in daily.', until: new Date(now + 28 * day).toISOString() } });
  const soon = s.plan.tasks.filter((t) => t.due.getTime() >= now && t.due.getTime() < now + 7 * day);
  soon.slice(0, 3).forEach((t, i) => steps.push({ at: new Date(now - (i + 1) * 3_600_000), actor: personFor(t.task.owner), event: { action: 'task.status', task: t.task.id, to: 'in_progress' } }));
  const blocked = soon[3];
  if (blocked) steps.push({ at: new Date(now - 5 * 3_600_000), actor: personFor(blocked.task.owner), event: { action: 'task.status', task: blocked.task.id, to: 'blocked', reason: 'Waiting for the vendor to confirm the production values.' } });
  if (lateBlockers[0]) steps.push({ at: new Date(now - 2 * day), actor: 'dana', event: { action: 'task.note', task: lateBlockers[0], id: randomUUID(), text: 'Escalated to the owner; new estimate in two days.' } });
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}

export async function recordHistory(store: Store, s: Session, steps: Step[]): Promise<void> {
  for (const step of steps) await store.record(s.project.id, { actor: step.actor, at: step.at }, () => step.event);
}
