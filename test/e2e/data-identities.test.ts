import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_DOCUMENTS } from '../../src/report/json-schema.js';
import { makeProject, ROOT, runCli } from '../support/cli.js';

const ids = (...pairs: [string, string][]) => pairs.map(([provider, id]) => ({ provider, id }));
const identity = (browser: string, ...pairs: [string, string][]) => JSON.stringify({ browser_id: browser, type: 'IDENTITY', channel: 'WEB', identifiers: ids(...pairs) });
const view = (browser: string) => JSON.stringify({ browser_id: browser, type: 'VIEW', channel: 'WEB' });
const ndjson = (lines: string[]) => `${lines.join('\n')}\n`;

function parseDocument(stdout: string) {
  const doc = JSON_DOCUMENTS['data-identities'].parse(JSON.parse(stdout));
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'data-identities.output.schema.json'), 'utf8')) as object;
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  return doc;
}

/** `golive data identities` as a user runs it: the built CLI (npm run build) on files the test writes. */
describe('golive data identities', () => {
  let dir: string;
  const projects: string[] = [];
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli', 'commands', 'data-identities.js'))) throw new Error('the CLI is not built with data identities: run npm run build first');
    dir = mkdtempSync(path.join(tmpdir(), 'golive-identities-'));
    writeFileSync(path.join(dir, 'events.ndjson'), ndjson([
      identity('b1', ['email', 'ann@x.example'], ['crm', 'C1']), view('b1'), identity('b2', ['crm', 'C1']),
      identity('b3', ['email', 'bob@x.example']), view('b4'), '{"browser_id": "b5", "type":', identity('b6', ['Email', 'cy@x.example']),
      identity('b7', ['email', 'dan@x.example']),
    ]));
    writeFileSync(path.join(dir, 'guests.ndjson.gz'), gzipSync(ndjson([
      JSON.stringify({ ref: 'g-ann', guestType: 'customer', identifiers: ids(['email', 'ann@x.example']) }),
      JSON.stringify({ ref: 'g-crm', schema: 'guest', mode: 'upsert', value: { guestType: 'customer', identifiers: ids(['crm', 'C1']) } }),
      JSON.stringify({ ref: 'g-two', guestType: 'customer', identifiers: ids(['email', 'bob@x.example'], ['email', 'eve@x.example']) }),
    ])));
    writeFileSync(path.join(dir, 'clean.ndjson'), ndjson([identity('b1', ['email', 'ann@x.example']), view('b1')]));
    writeFileSync(path.join(dir, 'clean-guests.ndjson'), ndjson([JSON.stringify({ ref: 'g-ann', guestType: 'customer', identifiers: ids(['email', 'ann@x.example']) })]));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    for (const p of projects) rmSync(p, { recursive: true, force: true });
  });

  it('exits 0 on a clean export and its guests', async () => {
    const r = await runCli(['data', 'identities', '--events', 'clean.ndjson', '--guests', 'clean-guests.ndjson', '--rules', 'email'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^identities: clean · 2 events, 1 browser → 1 expected person\n/);
    expect(r.stdout).toMatch(/identity rules email \(--rules\), in priority order, case-sensitive/);
  });

  it('names split persons, merging guests, unreached browsers and the broken line, and exits 1', async () => {
    const r = await runCli(['data', 'identities', '--events', 'events.ndjson', '--guests', 'guests.ndjson.gz', '--rules', 'email,crm'], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/FAIL 1 invalid event line\n/);
    expect(r.stdout).toMatch(/FAIL 1 person split over several guests\n/);
    expect(r.stdout).toMatch(/FAIL 1 guest merging different people on email\n/);
    expect(r.stdout).toMatch(/FAIL 1 identified browser \(1 event\) reaching no guest\n/);
    expect(r.stdout).toMatch(/info 1 identifier ignored: Email not a rule 1/);
    expect(r.stdout).toMatch(/persons split over several guests \(1\)\n {2}2 browsers \(b1, b2\) over 2 guests: g-ann, g-crm\n/);
    expect(r.stdout).toMatch(/g-two {2}email: bob@x\.example, eve@x\.example {2}guests\.ndjson\.gz:3/);
    expect(r.stdout).toMatch(/\n {2}events\.ndjson:6 {2}not valid JSON/);
  });

  it('prints the golive.data-identities/1 document with --json, valid against its schema', async () => {
    const r = await runCli(['data', 'identities', '--events', 'events.ndjson', '--guests', 'guests.ndjson.gz', '--rules', 'email,crm', '--json', '--examples', '1'], dir);
    expect(r.code, r.stderr).toBe(1);
    const doc = parseDocument(r.stdout);
    expect([doc.ok, doc.rulesSource, doc.browsers, doc.persons, doc.multiBrowserPersons]).toEqual([false, '--rules', 6, 5, 1]);
    expect(doc.events.invalidLines).toEqual([{ file: 'events.ndjson', line: 6, reason: 'not valid JSON' }]);
    expect(doc.guests?.splitPersons).toEqual({ count: 1, examples: [{ browsers: 2, browserIds: ['b1'], guests: 2, guestRefs: ['g-ann', 'g-crm'] }] });
    expect(doc.guests?.unreached).toMatchObject({ browsers: 3, identifiedBrowsers: 1, identifiedExamples: [{ browserId: 'b7', file: 'events.ndjson', line: 8 }] });
  });

  it('takes the rules from cdp.identityRules in golive.yaml, and without any stitches on every provider seen and says so', async () => {
    const project = makeProject('cdp:\n  identityRules: [email]\n');
    projects.push(project);
    writeFileSync(path.join(project, 'events.ndjson'), ndjson([identity('b1', ['email', 'a']), identity('b2', ['crm', 'C1']), identity('b3', ['crm', 'C1'])]));
    const declared = parseDocument((await runCli(['data', 'identities', '--events', 'events.ndjson', '--json'], project)).stdout);
    expect([declared.rules, declared.rulesSource, declared.project, declared.persons]).toEqual([['email'], 'golive.yaml', path.join(project, 'golive.yaml'), 3]);
    // A project without cdp: rules (not a bare directory: a golive.yaml in a parent directory would be found).
    const bare = makeProject();
    projects.push(bare);
    const none = await runCli(['data', 'identities', '--events', path.join(project, 'events.ndjson')], bare);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toMatch(/no identity rules declared \(cdp\.identityRules in golive\.yaml or --rules\): stitched on every provider seen, most used first: crm, email/);
    expect(none.stdout).toMatch(/→ 2 expected persons/);
  });

  it('flags an identifier shared by more browsers than --shared-threshold, as Markdown too', async () => {
    writeFileSync(path.join(dir, 'shared.ndjson'), ndjson(['b1', 'b2', 'b3'].map((b) => identity(b, ['email', 'test@example.com']))));
    const r = await runCli(['data', 'identities', '--events', 'shared.ndjson', '--rules', 'email', '--shared-threshold', '2', '--format', 'md'], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^## ❌ identities: 1 problem/);
    expect(r.stdout).toMatch(/### identifiers shared by more than 2 browsers \(1\)\n\n- `email:"test@example\.com" {2}3 browsers {2}shared\.ndjson:1, shared\.ndjson:2, shared\.ndjson:3`/);
  });

  it('exits 2 when no event file can be read, or on a bad option', async () => {
    const missing = await runCli(['data', 'identities', '--events', 'nope.ndjson'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no event file could be read: nope\.ndjson \(cannot read the file/);
    const bad = await runCli(['data', 'identities', '--events', 'clean.ndjson', '--rules', 'email,,crm'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expected providers separated by commas/);
  });
});
