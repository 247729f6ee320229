import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigError } from '../src/errors.js';
import { loadProject } from '../src/playbook/load.js';

function load(overrides: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'golive-overrides-'));
  writeFileSync(path.join(dir, 'golive.yaml'), `id: shop\nname: Shop\ngoLive: 2027-03-01T09:00\ntimeZone: Europe/Berlin\nplaybooks: [web-launch]\noverrides:\n${overrides}`);
  return loadProject(path.join(dir, 'golive.yaml'), { now: new Date('2026-12-01T00:00:00Z') });
}

describe('project overrides', () => {
  it('drop removes the task and keeps the reason; a requirement on it is a warning', () => {
    const { project, warnings } = load('  drop:\n    - task: web.backups-restore-test\n      reason: the platform restores for us\n');
    expect(project.tasks.some((t) => t.id === 'web.backups-restore-test')).toBe(false);
    expect(project.dropped).toEqual([{ task: 'web.backups-restore-test', reason: 'the platform restores for us' }]);
    expect(project.tasks.find((t) => t.id === 'web.rollback-rehearsal')?.requires).not.toContain('web.backups-restore-test');
    expect(warnings.map((w) => w.code)).toContain('requires-dropped');
  });

  it('reschedule to a phase without a due takes the phase date; the old value is kept', () => {
    const { project } = load('  reschedule:\n    - task: web.dns-ttl-lowered\n      phase: cutover\n      reason: we lower TTLs as the first cutover step\n');
    const task = project.tasks.find((t) => t.id === 'web.dns-ttl-lowered');
    expect(task).toMatchObject({ phase: 'cutover', changes: [{ kind: 'reschedule', from: 'T-3d', reason: 'we lower TTLs as the first cutover step' }] });
    expect(task?.due).toBeUndefined();
  });

  it('reschedule to a new due moves the phase with it; reown changes the owner', () => {
    const { project } = load('  reschedule:\n    - task: web.load-test\n      due: T+3d\n      reason: peak traffic only exists after launch\n  reown:\n    - task: web.load-test\n      owner: ops\n      reason: hosting runs load tests\n');
    expect(project.tasks.find((t) => t.id === 'web.load-test')).toMatchObject({ due: 'T+3d', phase: 'hypercare', owner: 'ops' });
  });

  it('add puts a project task into the plan with its reason', () => {
    const { project } = load('  add:\n    - id: shop.press\n      title: The press release is approved\n      area: planning\n      why: Launch news must not leak early.\n      how: Legal and marketing approve the text.\n      owner: marketing\n      due: T-1w\n      severity: minor\n      reason: press announcement\n');
    expect(project.tasks.find((t) => t.id === 'shop.press')).toMatchObject({ playbook: 'project', changes: [{ kind: 'add', reason: 'press announcement' }] });
  });
});

describe('check overrides without a task', () => {
  const checksOf = (project: ReturnType<typeof load>['project'], id: string) => project.tasks.find((t) => t.id === id)?.checks ?? [];

  it('change every check whose rule matches a pattern, on every task, and say so on each task', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'golive-pattern-'));
    writeFileSync(path.join(dir, 'golive.yaml'), ['id: shop', 'name: Shop', 'goLive: 2027-03-01T09:00', 'timeZone: Europe/Berlin', 'playbooks: [sitecore-cdp-personalize]',
      'overrides:', '  checks:', '    - { rule: "page/*", with: { consent: "#accept", slotWaitMs: 2000 }, reason: our consent banner }', ''].join('\n'));
    const { project } = loadProject(path.join(dir, 'golive.yaml'), { now: new Date('2026-12-01T00:00:00Z') });
    const page = project.tasks.flatMap((t) => t.checks.filter((c) => c.rule.startsWith('page/')));
    expect(page.length).toBeGreaterThan(10);
    expect(page.map((c) => c.with)).toEqual(page.map(() => ({ consent: '#accept', slotWaitMs: 2000 })));
    const timing = project.tasks.find((t) => t.id === 'sitecore.page-performance');
    expect(timing?.checks.find((c) => c.rule === 'http/response-time')?.with).toEqual({ maxMs: 2000 });
    expect(timing?.changes).toContainEqual({ kind: 'checks', reason: 'changed page/performance: our consent banner' });
  });

  it('drop every matching check; a task-specific override after it still adds one back', () => {
    const { project } = load('  checks:\n    - { rule: "http/*", drop: true, reason: no web front }\n    - { task: web.smoke-test, rule: http/status, target: "https://shop.example/", reason: the API answers }\n');
    expect(checksOf(project, 'web.monitoring-alerts')).toEqual([]);
    expect(checksOf(project, 'web.smoke-test').map((c) => c.rule)).toEqual(['http/status']);
  });

  it('refuse a target, and a rule or pattern that matches no check, with the place and a hint', () => {
    const bad = (overrides: string) => {
      try {
        load(overrides);
      } catch (err) {
        return (err as ConfigError).diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.message, d.hint]);
      }
      throw new Error('expected a ConfigError');
    };
    expect(bad('  checks:\n    - { rule: "http/*", target: "https://x.example/", reason: one place }\n')).toEqual([
      ['target-without-task', 8, expect.stringMatching(/cannot give them one target/), expect.stringMatching(/name the task/)],
    ]);
    expect(bad('  checks:\n    - { rule: http/statuz, with: { status: [200] }, reason: typo }\n')).toEqual([
      ['nothing-matched', 8, 'no task has a check whose rule is http/statuz', 'did you mean "http/status"?'],
    ]);
  });
});

describe('x- keys', () => {
  it('are ignored at the top level, so they can hold YAML anchors that overrides reuse', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'golive-x-keys-'));
    writeFileSync(path.join(dir, 'golive.yaml'), ['id: shop', 'name: Shop', 'goLive: 2027-03-01T09:00', 'timeZone: Europe/Berlin', 'playbooks: [web-launch]',
      'x-status: &status { status: [200, 204] }', 'overrides:', '  checks:',
      '    - { task: web.load-test, rule: http/status, target: "https://shop.example/", with: *status, reason: one }',
      '    - { task: web.dns-ttl-lowered, rule: http/status, target: "https://shop.example/", with: *status, reason: two }', ''].join('\n'));
    const { project } = loadProject(path.join(dir, 'golive.yaml'), { now: new Date('2026-12-01T00:00:00Z') });
    for (const id of ['web.load-test', 'web.dns-ttl-lowered']) {
      expect(project.tasks.find((t) => t.id === id)?.checks).toContainEqual(expect.objectContaining({ rule: 'http/status', with: { status: [200, 204] } }));
    }
    expect(Object.keys(project)).not.toContain('x-status');
  });
});

describe('a go-live that has passed', () => {
  const project = (goLive: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'golive-past-'));
    writeFileSync(path.join(dir, 'golive.yaml'), `id: shop\nname: Shop\ngoLive: ${goLive}\ntimeZone: Europe/Berlin\nplaybooks: [web-launch]\n`);
    return path.join(dir, 'golive.yaml');
  };

  it('is a warning during hypercare, so cutover and hypercare work can be recorded', () => {
    const { warnings } = loadProject(project('2026-11-25T09:00'), { now: new Date('2026-12-01T00:00:00Z') });
    expect(warnings.find((w) => w.code === 'go-live-in-past')).toMatchObject({ severity: 'warning' });
  });

  it('is an error once hypercare is over too', () => {
    expect(() => loadProject(project('2026-11-02T09:00'), { now: new Date('2026-12-01T00:00:00Z') })).toThrow(/problem/);
  });
});
