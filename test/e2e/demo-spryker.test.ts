// golive demo spryker: a Spryker-like shop on loopback with planted problems ends NO-GO naming them;
// the --fixed variant ends GO. Runs the real CLI; the shop, its DNS and its certificates are real.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_DOCUMENTS } from '../../src/report/json-schema.js';
import { runCli } from '../support/cli.js';

const ENV = { GOLIVE_ACTOR: 'ci-bot' };

describe('golive demo spryker', () => {
  it('plants problems and ends NO-GO, naming each of them', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'golive-demo-spryker-'));
    const r = await runCli(['demo', 'spryker', '--dir', 'shop', '--no-color'], cwd, ENV);
    expect(r.code, r.stderr).toBe(0);
    const gate = r.stdout.slice(r.stdout.indexOf('=== Gate ==='));
    expect(gate).toMatch(/^=== Gate ===\nNO-GO/);
    expect(gate).toMatch(/installer admin admin@spryker\.com logs in/);
    expect(gate).toMatch(/backend-gateway\.[\w.-]+ is not covered by the certificate/);
    expect(gate).toMatch(/is a CNAME to .*the apex must not be an alias/);
    expect(gate).toMatch(/email\/dmarc .*p=none/);
    expect(gate).toMatch(/http\/no-basic-auth .*asks for a password/);
    expect(gate).toMatch(/spryker\/deploy-security .*behind basic auth/);
    // The stand-in never passes for the real platform.
    expect(r.stdout).toMatch(/it is not Spryker/);

    // The project it leaves behind works with the ordinary commands: the deploy file, the stored results.
    const dir = path.join(cwd, 'shop');
    expect(readFileSync(path.join(dir, 'golive.yaml'), 'utf8')).toMatch(/deployFile: deploy\.spryker-like-production\.yml/);
    const json = await runCli(['gate', '--json'], dir, ENV);
    expect(json.code).toBe(1);
    const doc = JSON_DOCUMENTS.gate.parse(JSON.parse(json.stdout));
    const failing = doc.gate.reasons.find((x) => x.rule === 'checks' && x.level === 'no-go')?.tasks.map((t) => t.id) ?? [];
    expect(failing).toEqual(expect.arrayContaining(['spryker.demo-users-removed', 'spryker.tls-certificates', 'spryker.apex-domain', 'spryker.frontend-auth-removed']));
    expect((await runCli(['audit', 'verify'], dir, ENV)).code).toBe(0);
  });

  it('--fixed: the same shop with the problems fixed ends GO', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'golive-demo-spryker-fixed-'));
    const r = await runCli(['demo', 'spryker', '--fixed', '--dir', 'shop', '--no-color'], cwd, ENV);
    expect(r.code, r.stderr).toBe(0);
    const gate = r.stdout.slice(r.stdout.indexOf('=== Gate ==='));
    expect(gate).toMatch(/^=== Gate ===\nGO /);
    expect(r.stdout).toMatch(/checks \(production\): (\d+ warn, )?\d+ skipped, \d+ pass/);
  });

  it('refuses an unknown demo and --fixed without spryker', async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'golive-demo-bad-'));
    const unknown = await runCli(['demo', 'magento'], cwd, ENV);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown demo "magento"/);
    expect((await runCli(['demo', '--fixed'], cwd, ENV)).code).toBe(2);
  });
});
