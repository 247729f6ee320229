import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../src/playbook/load.js';

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');

  it('gives the two commands, and .ci/run calls the test command', () => {
    expect(readme).toMatch(/npm ci && npx golive demo/);
    expect(readme).toMatch(/npm ci && npm test/);
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/^npm ci && npm test$/m);
  });

  it('shows a golive.yaml that loads without errors or warnings beyond unfilled roles', () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'golive-readme-'));
    writeFileSync(path.join(dir, 'golive.yaml'), yaml ?? '');
    const { project, warnings } = loadProject(path.join(dir, 'golive.yaml'), { now: new Date('2026-12-01T00:00:00Z') });
    expect(warnings.filter((w) => w.code !== 'role-unfilled')).toEqual([]);
    expect(project.dropped).toHaveLength(1);
    expect(project.tasks.find((t) => t.id === 'spryker.dns-strategy')?.due).toBe('T-6w');
  });
});

describe('docs/playbooks.md', () => {
  it('its playbook, project and overrides examples load together without errors', async () => {
    const { mkdirSync } = await import('node:fs');
    const blocks = [...readFileSync('docs/playbooks.md', 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
    const playbook = blocks.find((b) => b.includes('id: acme-payments'));
    const project = blocks.find((b) => b.includes('id: acme-shop'));
    const overrides = blocks.find((b) => b.startsWith('overrides:'));
    const dir = mkdtempSync(path.join(tmpdir(), 'golive-docs-'));
    mkdirSync(path.join(dir, 'playbooks'));
    writeFileSync(path.join(dir, 'playbooks', 'acme-payments.yaml'), playbook ?? '');
    writeFileSync(path.join(dir, 'golive.yaml'), `${project}\n${overrides}`);
    const { project: p, warnings } = loadProject(path.join(dir, 'golive.yaml'), { now: new Date('2026-12-01T00:00:00Z') });
    expect(warnings.filter((w) => w.code !== 'role-unfilled')).toEqual([]);
    expect(p.tasks.find((t) => t.id === 'acme.live-keys')).toMatchObject({ owner: 'payments-ops', severity: 'blocker' });
    expect(p.tasks.find((t) => t.id === 'web.load-test')?.changes).toEqual([{ kind: 'reown', reason: 'the hosting team runs load tests for every brand', from: 'tech-lead' }]);
    expect(p.tasks.find((t) => t.id === 'web.dns-switch')?.checks.find((c) => c.rule === 'dns/records')?.with).toEqual({ A: ['203.0.113.10'] });
    expect(p.tasks.find((t) => t.id === 'web.tls-certificates')?.checks.map((c) => c.rule)).not.toContain('tls/protocols');
    expect(p.tasks.find((t) => t.id === 'spryker.email-domain-validated')?.checks.find((c) => c.rule === 'email/dmarc')?.with).toEqual({ minPolicy: 'quarantine' });
  });
});
