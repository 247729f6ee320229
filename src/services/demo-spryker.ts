import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SprykerLaunch } from '../demo/spryker-launch.js';
import { DEMO_PEOPLE, demoGoLive, DEMO_ZONE, withDemoNetwork, type Step } from './demo.js';
import { projectYaml } from './init.js';
import { schemaRef } from './schema-ref.js';
import type { Session } from './session.js';

/** The demo team, with the roles the spryker-cloud and web-launch playbooks know. */
const ROLES = new Set(['delivery-lead', 'tech-lead', 'developer', 'ops', 'qa', 'seo', 'support', 'security', 'marketing', 'legal', 'product']);
const SPRYKER_PEOPLE = DEMO_PEOPLE.map((p) => ({ ...p, roles: p.roles.filter((r) => ROLES.has(r)) })).filter((p) => p.roles.length > 0);

/** golive.yaml of the Spryker demo: production is the loopback shop, its deploy file the source of targets. */
export function writeSprykerDemoProject(dir: string, now: Date, launch: SprykerLaunch, fixed: boolean): string {
  const file = path.join(dir, 'golive.yaml');
  const text = projectYaml({
    id: fixed ? 'spryker-demo-fixed' : 'spryker-demo',
    name: fixed ? 'Spryker-like demo shop (problems fixed)' : 'Spryker-like demo shop',
    goLive: demoGoLive(now),
    timeZone: DEMO_ZONE,
    playbooks: ['spryker-cloud'],
    environments: [],
    people: SPRYKER_PEOPLE,
    holidays: [],
  }, schemaRef(file));
  writeFileSync(file, withDemoNetwork(text, { url: launch.url, deployFile: launch.deployFile, vars: launch.vars, network: launch.network, loginProbes: true }));
  return file;
}

const personFor = (role: string) => SPRYKER_PEOPLE.find((p) => p.roles.includes(role))?.id ?? 'dana';

/**
 * Every task due so far done and signed off, as a diligent team would have it: whatever the gate
 * still finds, it finds in reality (the check results), not in the checklist.
 */
export function completeHistory(s: Session): Step[] {
  const now = s.ctx.now.getTime();
  const steps: Step[] = [];
  for (const t of s.plan.tasks.filter((p) => p.due.getTime() < now)) {
    const at = new Date(Math.min(t.due.getTime(), now - 3_600_000));
    const owner = personFor(t.task.owner);
    steps.push({ at, actor: owner, event: { action: 'task.status', task: t.task.id, to: 'done', evidence: [`https://wiki.golive-demo.example/launch/${t.task.id}`] } });
    for (const role of t.task.signoff) steps.push({ at: new Date(at.getTime() + 60_000), actor: personFor(role), event: { action: 'signoff.add', task: t.task.id, id: randomUUID(), person: personFor(role), role, evidence: `https://wiki.golive-demo.example/launch/${t.task.id}#review` } });
  }
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}
