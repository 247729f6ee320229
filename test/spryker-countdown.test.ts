// The Spryker countdown as due dates: what the platform's lead times demand, checked on a real plan.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/playbook/load.js';
import { planOf } from '../src/services/session.js';

const DAY = 86_400_000;

function plan() {
  const dir = mkdtempSync(path.join(tmpdir(), 'golive-countdown-'));
  writeFileSync(path.join(dir, 'golive.yaml'), 'id: shop\nname: Shop\ngoLive: 2027-03-01T09:00\ntimeZone: Europe/Berlin\nplaybooks: [spryker-cloud]\n');
  const { project } = loadProject(path.join(dir, 'golive.yaml'), { now: new Date('2027-01-01T00:00:00Z') });
  const p = planOf(project);
  const due = (id: string) => {
    const t = p.tasks.find((x) => x.task.id === id);
    if (!t) throw new Error(`no task ${id}`);
    return t.due.getTime();
  };
  return { project, due, goLive: p.goLive.getTime() };
}

describe('the spryker-cloud countdown', () => {
  const { project, due, goLive } = plan();
  const task = (id: string) => project.tasks.find((t) => t.id === id)!;

  it('asks for the DNS set-up at least a week before production must run on the final names', () => {
    expect(due('spryker.production-deployed') - due('spryker.dns-setup-requested')).toBeGreaterThanOrEqual(7 * DAY);
    expect(due('spryker.deploy-file') - due('spryker.dns-setup-requested')).toBeGreaterThanOrEqual(7 * DAY);
    expect(task('spryker.deploy-file').requires).toContain('spryker.dns-setup-requested');
  });

  it('lowers TTLs before the switch, and checks it', () => {
    expect(due('web.dns-ttl-lowered')).toBeLessThan(due('web.dns-switch'));
    expect(task('web.dns-ttl-lowered').checks.map((c) => c.rule)).toContain('dns/ttl-before-cutover');
  });

  it('keeps the old system running at least 72 hours after the switch, as a hypercare task', () => {
    const retained = task('web.old-system-retained');
    expect(retained.phase).toBe('hypercare');
    expect(due('web.old-system-retained') - goLive).toBeGreaterThanOrEqual(3 * DAY);
    expect(task('spryker.old-project-switched-off').requires).toContain('web.old-system-retained');
  });

  it('disables the destructive pipeline after go-live, and confirms rollback before it with a sign-off', () => {
    expect(task('spryker.destructive-pipeline-disabled').phase).toBe('hypercare');
    expect(due('spryker.destructive-pipeline-disabled')).toBeGreaterThan(goLive);
    const rollback = task('spryker.rollback-strategy');
    expect(due('spryker.rollback-strategy')).toBeLessThan(goLive);
    expect(rollback.severity).toBe('blocker');
    expect(rollback.signoff.length).toBeGreaterThan(0);
  });

  it('postpones when anything is still open a week before: the freeze point is T-7d', () => {
    expect(project.policy.freeze).toBe('T-7d');
  });
});
