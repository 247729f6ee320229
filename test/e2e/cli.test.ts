import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { JSON_DOCUMENTS } from '../../src/report/json-schema.js';
import { makeProject, runCli, type CliResult } from '../support/cli.js';

const before = { GOLIVE_NOW: '2026-12-01T10:00:00Z' };
const noStack = (r: CliResult) => expect(r.stderr + r.stdout).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);

describe('golive CLI, as a user runs it', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeProject();
  });

  it('validate: a good project exits 0 and counts its tasks', async () => {
    const r = await runCli(['validate'], dir, before);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/17 tasks from web-launch@1\.0\.0/);
  });

  it('plan: dated tasks by week, in every format', async () => {
    const text = await runCli(['plan'], dir, before);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/go-live Mon 2027-01-11 09:00 Europe\/Berlin/);
    expect(text.stdout).toMatch(/Week of Mon 30 Nov 2026 \(6 weeks before\)/);
    expect(text.stdout).not.toMatch(/\u001b\[/);
    const json = await runCli(['plan', '--json'], dir, before);
    const doc = JSON_DOCUMENTS.plan.parse(JSON.parse(json.stdout));
    expect(doc.plan.tasks).toHaveLength(17);
    // T-2w from Mon 11 Jan is Mon 28 Dec; T-3d is Fri 08 Jan; T-1w Mon 04 Jan.
    expect(doc.plan.tasks.find((t) => t.id === 'web.tls-certificates')?.dueLocal).toBe('2026-12-28 09:00');
    expect(doc.plan.tasks.find((t) => t.id === 'web.dns-ttl-lowered')?.dueLocal).toBe('2027-01-08 09:00');
    const ics = await runCli(['plan', '--format', 'ics'], dir, before);
    expect(ics.stdout.match(/BEGIN:VEVENT/g)).toHaveLength(17);
    expect(ics.stdout).toMatch(/UID:web\.launch-plan@e2e-shop\.golive\r\n/);
    expect(ics.stdout).toMatch(/ATTENDEE;CN=Dana Ruiz;ROLE=REQ-PARTICIPANT:mailto:dana@shop\.example/);
    const md = await runCli(['plan', '--format', 'md'], dir, before);
    expect(md.stdout).toMatch(/^# Plan: E2E shop/);
    expect(md.stdout).toMatch(/\| Due \| Offset \| Severity \| Task \| Title \| Owner \|/);
  });

  it('plan --what-if: shows how the plan re-flows', async () => {
    const r = await runCli(['plan', '--what-if', '2027-01-18'], dir, before);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/What if go-live moves from Mon 2027-01-11 09:00 to Mon 2027-01-18 09:00 \(\+7 days\)\?/);
    const json = JSON_DOCUMENTS['what-if'].parse(JSON.parse((await runCli(['plan', '--what-if', '2026-12-20', '--json'], dir, before)).stdout));
    expect(json.diff.shiftDays).toBe(-22);
    expect(json.diff.changes.some((c) => c.nowPast)).toBe(true);
  });

  it('gate: NO-GO exits 1 with the overdue blocker and its owner', async () => {
    const r = await runCli(['gate'], dir, before);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^NO-GO/);
    expect(r.stdout).toMatch(/web\.launch-plan/);
    expect(r.stdout).toMatch(/owner delivery-lead \(dana\)/);
    const json = JSON_DOCUMENTS.gate.parse(JSON.parse((await runCli(['gate', '--json'], dir, before)).stdout));
    expect(json.gate.verdict).toBe('NO-GO');
  });

  it('task and signoff: GO exits 0 once the blocker is done and signed off', async () => {
    expect((await runCli(['task', 'launch-plan', 'start', '--as', 'dana'], dir, before)).code).toBe(0);
    const done = await runCli(['task', 'web.launch-plan', 'done', '--evidence', 'https://wiki.example.com/plan?token=s3cr3t'], dir, before);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/web\.launch-plan: done \(recorded as audit entry \d+ by test-runner\)/);
    expect((await runCli(['gate'], dir, before)).code).toBe(1);
    const signed = await runCli(['signoff', 'web.launch-plan', '--as', 'pia', '--evidence', 'https://wiki.example.com/plan'], dir, before);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(/signed off by pia as product/);
    const gate = await runCli(['gate'], dir, before);
    expect(gate.stdout).toMatch(/^GO /);
    expect(gate.code).toBe(0);
    const shown = await runCli(['task', 'web.launch-plan'], dir, before);
    expect(shown.stdout).toMatch(/evidence  https:\/\/wiki\.example\.com\/plan\?token=\*\*\*/);
    expect(shown.stdout).not.toMatch(/s3cr3t/);
  });

  it('waive: GO-WITH-RISKS exits 0 and lists the waiver', async () => {
    const later = { GOLIVE_NOW: '2026-12-08T10:00:00Z' };
    expect((await runCli(['gate'], dir, later)).code).toBe(1);
    const w = await runCli(['waive', 'web.dns-access', '--reason', 'registrar transfer finishes on the 10th', '--until', '2026-12-20', '--as', 'dana'], dir, later);
    expect(w.code).toBe(0);
    const gate = await runCli(['gate'], dir, later);
    expect(gate.code).toBe(0);
    expect(gate.stdout).toMatch(/^GO-WITH-RISKS/);
    expect(gate.stdout).toMatch(/waived by dana until 2026-12-20: registrar transfer finishes on the 10th/);
  });

  it('status and report: readiness, burn-down and the documented JSON', async () => {
    const status = await runCli(['status'], dir, before);
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/1\/17 tasks closed/);
    expect(status.stdout).toMatch(/Readiness by area/);
    JSON_DOCUMENTS.status.parse(JSON.parse((await runCli(['status', '--json'], dir, before)).stdout));
    const report = JSON_DOCUMENTS.report.parse(JSON.parse((await runCli(['report', '--json'], dir, before)).stdout));
    expect(report.signoffs).toEqual([expect.objectContaining({ task: 'web.launch-plan', person: 'pia', role: 'product', state: 'valid' })]);
    // The planned line runs to the go-live day, when only the two hypercare tasks are still to come.
    expect(report.burndown.at(-1)).toMatchObject({ date: '2027-01-11', planned: 2 });
    expect(report.burndown.find((p) => p.date === '2026-12-01')).toMatchObject({ open: 16, planned: 16 });
    expect(report.audit.entries).toBeGreaterThanOrEqual(4);
    const md = await runCli(['report', '--format', 'md'], dir, before);
    expect(md.stdout).toMatch(/```mermaid\nxychart-beta/);
    expect(md.stdout).toMatch(/## Sign-offs/);
  });

  it('audit verify: the chain walks and the tables match; a kept head must still be there', async () => {
    const r = await runCli(['audit', 'verify'], dir, before);
    expect(r.code).toBe(0);
    const head = /head ([0-9a-f]{64})/.exec(r.stdout)?.[1] ?? '';
    expect(r.stdout).toMatch(/audit log verified: \d+ entries, chain intact, tables match the log; head [0-9a-f]{64}/);
    expect((await runCli(['audit', 'verify', '--head', head], dir, before)).code).toBe(0);
    const gone = await runCli(['audit', 'verify', '--head', 'f'.repeat(64)], dir, before);
    expect(gone.code).toBe(1);
    expect(gone.stdout).toMatch(/the head f{64} is not in the log/);
  });

  it('read-only commands on a project with nothing recorded say so, and create no store', async () => {
    const fresh = makeProject();
    const gate = await runCli(['gate'], fresh, before);
    expect(gate.stderr).toMatch(/warning: nothing is recorded for this project yet/);
    expect(gate.code).toBe(1);
    expect((await runCli(['audit', 'verify'], fresh, before)).code).toBe(0);
    const { existsSync } = await import('node:fs');
    expect(existsSync(path.join(fresh, '.golive'))).toBe(false);
  });

  it('a pinned clock is announced when it dates a change, and must carry an offset', async () => {
    const r = await runCli(['task', 'web.domain-inventory', 'note', '-m', 'list started'], dir, before);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: the clock is pinned by GOLIVE_NOW: this change is recorded as made at 2026-12-01T10:00:00.000Z/);
    const bad = await runCli(['status'], dir, { GOLIVE_NOW: '2026-12-01T10:00' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/is not an instant with an offset/);
  });

  it('bad usage exits 2 with a hint and no stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['task', 'web.launch-plan', 'done'], /cannot done task "web\.launch-plan": it is done[\s\S]*hint: reopen it first/],
      [['task', 'web.dns-acces', 'start'], /unknown task "web\.dns-acces"[\s\S]*did you mean "web\.dns-access"\?/],
      [['task', 'web.load-test', 'block'], /"block" needs --reason/],
      [['task', 'web.load-test', 'explode'], /unknown action "explode"/],
      [['signoff', 'web.redirect-map', '--as', 'dana'], /dana cannot sign off "web\.redirect-map": it needs seo/],
      [['signoff', 'web.redirect-map', '--as', 'nobody'], /unknown person "nobody"/],
      [['waive', 'web.load-test', '--as', 'dana', '--reason', 'later'], /a waiver needs --until/],
      [['waive', 'web.load-test', '--as', 'dana', '--reason', 'later', '--until', '2027-06-01'], /at most 30 days/],
      [['plan', '--format', 'pdf'], /Allowed choices are text, md, json, ics/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['report', '-o', '/nonexistent/dir/report.md'], /cannot write the report to \/nonexistent\/dir\/report\.md: ENOENT/],
      [['--project', '/tmp', 'status'], /is a directory, not a YAML file/],
    ];
    for (const [args, pattern] of cases) {
      const r = await runCli(args, dir, before);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(pattern);
      noStack(r);
    }
  });

  it('an unreachable PostgreSQL is an internal failure: exit 3 with a hint', async () => {
    const r = await runCli(['status'], dir, { ...before, DATABASE_URL: 'postgres://golive:secret@127.0.0.1:1/golive' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot connect to PostgreSQL at 127\.0\.0\.1:1\/golive/);
    expect(r.stderr).not.toMatch(/secret/);
    noStack(r);
  });
});

describe('golive init, validate and demo', () => {
  it('init with flags writes a valid golive.yaml; without them and without a terminal it exits 2', async () => {
    const dir = makeProject();
    const target = path.join(dir, 'new');
    await import('node:fs').then((fs) => fs.mkdirSync(target));
    const missing = await runCli(['init'], target, before);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/golive init needs --name, --go-live, --playbook when it cannot ask/);
    const r = await runCli(['init', '--name', 'Acme Shop', '--go-live', '2027-03-01T09:00', '--time-zone', 'America/New_York', '--playbook', 'spryker-cloud', '--env', 'production=https://www.acme.example', '--person', 'dana:Dana Ruiz:delivery-lead,product'], target, before);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wrote golive\.yaml: 43 tasks from web-launch, spryker-cloud/);
    const text = readFileSync(path.join(target, 'golive.yaml'), 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=.*schema\/project\.schema\.json/);
    expect(text).toMatch(/id: acme-shop/);
    expect((await runCli(['validate'], target, before)).code).toBe(0);
    expect((await runCli(['init', '--name', 'x', '--go-live', '2027-03-01T09:00', '--playbook', 'web-launch'], target, before)).code).toBe(2);
    // --force never loses a working file: a rejected replacement leaves it as it was.
    const forced = await runCli(['init', '--force', '--name', 'x', '--go-live', '2026-01-01T09:00', '--time-zone', 'Europe/Berlin', '--playbook', 'web-launch'], target, before);
    expect(forced.code).toBe(2);
    expect(forced.stderr).toMatch(/go-live 2026-01-01T09:00 \(Europe\/Berlin\) is in the past/);
    expect(readFileSync(path.join(target, 'golive.yaml'), 'utf8')).toBe(text);
    const broken = await runCli(['init', '--force', '--name', 'x', '--go-live', '2027-03-01T09:00', '--time-zone', 'Europe/Berlin', '--playbook', 'web-launch', '--person', 'dana:Dana:no-such-role'], target, before);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/unknown role "no-such-role"/);
    expect(broken.stderr).toMatch(/golive\.yaml was left as it was/);
    expect(readFileSync(path.join(target, 'golive.yaml'), 'utf8')).toBe(text);
  });

  it('validate on a broken project lists every problem with file:line:column and exits 2', async () => {
    const dir = path.resolve('test/fixtures/bad/several-problems-at-once');
    const r = await runCli(['validate'], dir, before);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/golive\.yaml:4:11 error timeZone: "Mars\/Olympus" is not an IANA time zone/);
    expect(r.stderr).toMatch(/golive\.yaml:9:28 error people\[0\]\.roles\[1\]: unknown role "markting"\n\s+hint: did you mean "marketing"\?/);
    expect(r.stderr).toMatch(/golive\.yaml:12:13 error overrides\.drop\[0\]\.task/);
    expect(r.stderr).toMatch(/3 errors/);
    noStack(r);
    const json = JSON_DOCUMENTS.validate.parse(JSON.parse((await runCli(['validate', '--json'], dir, before)).stdout));
    expect(json.ok).toBe(false);
    // Any command on a broken project gives the same diagnostics and exit code.
    expect((await runCli(['gate'], dir, before)).code).toBe(2);
  });

  it('demo builds a sample launch and prints a plan and a verdict', async () => {
    const dir = makeProject();
    const r = await runCli(['demo', '--dir', 'demo'], dir, { GOLIVE_NOW: '2026-11-23T08:00:00Z' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/=== Plan ===[\s\S]*Week of/);
    expect(r.stdout).toMatch(/=== Gate ===\nNO-GO/);
    expect(r.stdout).toMatch(/accepted risk/);
    expect(r.stdout).toMatch(/lacks? a required sign-off/);
    expect(existsSync(path.join(dir, 'demo', '.golive'))).toBe(true);
    const verify = await runCli(['audit', 'verify'], path.join(dir, 'demo'), { GOLIVE_NOW: '2026-11-23T08:00:00Z' });
    expect(verify.code).toBe(0);
  });
});
