import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

const UUID = '0b9f3f4a-1111-4222-8333-444455556666';
const event = (over: Record<string, unknown> = {}) => JSON.stringify({ type: 'VIEW', channel: 'WEB', language: 'EN', currency: 'EUR', browser_id: UUID, pos: 'shop-de', page: 'home', ...over });
const ROLES = 'delivery-lead, developer, data, qa, marketing, ops, tech-lead, product, legal, security, support, seo, cx, marketing-ops';

interface CheckDoc {
  counts: Record<string, number>;
  results: { task: string; rule: string; target: string; status: string; summary: string; findings: { code: string; subject?: string; hint?: string }[] }[];
}

/** The built-in Sitecore playbook's data checks through `golive check`: exports named by environment variables, judged against cdp: facts. */
describe('golive check on CDP data', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'golive-e2e-data-checks-'));
    mkdirSync(path.join(dir, 'exports'));
    mkdirSync(path.join(dir, 'upload'));
    writeFileSync(path.join(dir, 'exports', 'day1.ndjson'), `${[event(), event({ language: 'FR' }), event({ channel: 'MOBILE_WEB' })].join('\n')}\n`);
    writeFileSync(path.join(dir, 'exports', 'day2.ndjson'), `${[event({ language: 'DE' })].join('\n')}\n`);
    const guest = { ref: UUID, schema: 'guest', mode: 'insert', value: { guestType: 'customer', identifiers: [{ provider: 'email', id: 'a@b.co' }] } };
    writeFileSync(path.join(dir, 'exports', 'vip.csv'), 'email,tier\nanna@x.io,gold\nolga@x.io,gold\n');
    writeFileSync(path.join(dir, 'upload', 'guests.json.gz'), gzipSync(`${JSON.stringify(guest)}\n`));
    writeFileSync(path.join(dir, 'golive.yaml'), `id: cdp-shop
name: CDP shop
goLive: 2027-01-11T09:00
timeZone: UTC
playbooks: [sitecore-cdp-personalize]
people:
  - { id: dana, name: Dana Ruiz, roles: [${ROLES}] }
environments:
  production:
    url: https://shop.example/
    vars: { eventsExport: "exports/day*.ndjson", batchFiles: upload/guests.json.gz }
  staging:
    url: https://staging.shop.example/
cdp:
  languages: [EN, DE]
  currencies: [EUR]
  identityRules: [email]
  pointsOfSale: [{ name: shop-de, channel: WEB }]
  segments:
    - { name: vip, export: exports/vip.csv, includes: [anna@x.io], excludes: [olga@x.io] }
`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const check = async (args: string[]) => {
    const r = await runCli(['check', '--only', 'data/*', '--json', ...args], dir);
    return { code: r.code, stderr: r.stderr, doc: JSON.parse(r.stdout) as CheckDoc };
  };

  it('judges each task\'s selection of the export and names the failing lines', async () => {
    const { code, doc } = await check(['--env', 'production']);
    expect(code).toBe(1);
    const of = (task: string, rule = 'data/events') => doc.results.find((r) => r.task === task && r.rule === rule);
    expect(of('sitecore.event-language-codes')).toMatchObject({ status: 'fail', target: 'exports/day*.ndjson' });
    expect(of('sitecore.event-language-codes')?.findings[0]).toMatchObject({ code: 'language-code', subject: path.join('exports', 'day1.ndjson:2') });
    // The MOBILE_WEB event sits on a point of sale declared as WEB; only the channel tasks see it.
    expect(of('sitecore.event-channels')?.status).toBe('fail');
    expect(of('sitecore.identity-provider-names')?.status).toBe('pass');
    expect(of('sitecore.batch-file-format', 'data/batch')).toMatchObject({ status: 'fail' });
    expect(of('sitecore.batch-file-format', 'data/batch')?.findings.map((f) => f.code)).toContain('guest-no-insert');
    expect(of('sitecore.realtime-profile-structures', 'data/identities')).toMatchObject({ status: 'pass', summary: expect.stringContaining('1 browsers → 1 expected persons') as unknown });
    expect(of('sitecore.profile-merging', 'data/identities')?.summary).toMatch(/vars\.guestExport not set/);
    expect(of('sitecore.audience-test-queries', 'data/segments')).toMatchObject({ status: 'fail', target: '*' });
    expect(of('sitecore.audience-test-queries', 'data/segments')?.findings.map((f) => f.code)).toEqual(['guest-unexpected']);
    expect(doc.results.every((r) => r.findings.filter((f) => f.code !== 'facts-not-declared').every((f) => f.hint))).toBe(true);
  });

  it('skips the data checks of an environment without exports, naming the variable to set', async () => {
    const { code, doc } = await check(['--env', 'staging']);
    // The segment expectations belong to the project, not to an environment: they still run (and fail).
    expect(code).toBe(1);
    expect(doc.results.filter((r) => r.rule === 'data/segments').map((r) => r.status)).toEqual(['fail']);
    expect(doc.results.length).toBeGreaterThan(0);
    expect(doc.results.filter((r) => r.rule !== 'data/segments').every((r) => r.status === 'skipped')).toBe(true);
    expect(doc.results.map((r) => r.summary).join('\n')).toMatch(/vars\.eventsExport not set/);
  });

  it('golive probe inside the project judges with its declared facts; outside any project, by the platform\'s formats', async () => {
    const file = path.join(dir, 'exports', 'day1.ndjson');
    const inside = await runCli(['probe', 'data/events', 'exports/day1.ndjson', '--with', 'rules=events/language-code', '--json'], dir);
    const outside = await runCli(['probe', 'data/events', file, '--with', 'rules=events/language-code', '--json'], tmpdir());
    // FR is a real ISO 639-1 language, but not one of the project's [EN, DE].
    expect([inside.code, (JSON.parse(inside.stdout) as CheckDoc).results[0]?.status]).toEqual([1, 'fail']);
    expect([outside.code, (JSON.parse(outside.stdout) as CheckDoc).results[0]?.status]).toEqual([0, 'pass']);
  });

  it('stores the run so the gate is NO-GO on the failing blocker', async () => {
    const stored = await runCli(['check', '--env', 'production', '--only', 'data/*'], dir);
    expect(stored.code).toBe(1);
    const gate = await runCli(['gate', '--env', 'production', '--json'], dir);
    expect(gate.code).toBe(1);
    expect(gate.stdout).toContain('sitecore.event-language-codes');
  });
});
