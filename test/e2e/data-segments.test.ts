import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, ROOT, runCli } from '../support/cli.js';
import { parseDocument as parseDocumentAs } from '../support/json-document.js';

const SEGMENTS = `cdp:
  segments:
    - name: newsletter-subscribers
      export: exports/newsletter-*.csv
      includes: [anna.test@example.com, carl@example.com]
      excludes: [bob.optout@example.com]
      size: { source: crm/optin.csv, sourceMatch: email, tolerance: 0.25 }
    - name: vip-guests
      export: exports/vip.ndjson
      match: guest.email
      includes: [Anna.Test@example.com]
      excludes: [bob.optout@example.com]
      size: { min: 1, max: 10 }
`;

const parseDocument = (stdout: string) => parseDocumentAs('data-segments', stdout);

/** `golive data segments` as a user runs it: the built CLI on a project whose golive.yaml declares segments, with audience exports beside it. */
describe('golive data segments', () => {
  const dirs: string[] = [];
  let project: string;
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli', 'commands', 'data-segments.js'))) throw new Error('the CLI is not built with data segments: run npm run build first');
    project = makeProject(SEGMENTS);
    dirs.push(project);
    for (const d of ['exports', 'crm']) mkdirSync(path.join(project, d));
    writeFileSync(path.join(project, 'exports', 'newsletter-1.csv'), 'guestRef,email\ng1,anna.test@example.com\ng2,bob.optout@example.com\n');
    writeFileSync(path.join(project, 'exports', 'newsletter-2.csv'), 'guestRef,email\ng3,dora@example.com\n');
    writeFileSync(path.join(project, 'crm', 'optin.csv'), 'email\nanna.test@example.com\ncarl@example.com\ndora@example.com\nerik@example.com\n');
    writeFileSync(path.join(project, 'exports', 'vip.ndjson'), `${JSON.stringify({ guest: { email: 'anna.test@example.com' } })}\n`);
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('reports each expectation, names missing and unexpected guests, and exits 1', async () => {
    const r = await runCli(['data', 'segments'], project);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^segments: 1 failing · 2 segments from .*golive\.yaml\n/);
    expect(r.stdout).toContain('FAIL  newsletter-subscribers  exports/newsletter-*.csv: 3 rows, 3 guests by email\n'
      + '  FAIL includes: 1 guest missing of 2: carl@example.com\n'
      + '  FAIL excludes: 1 guest present: bob.optout@example.com (exports/newsletter-1.csv:3)\n'
      + '  ok   source count: 3 rows, expected 4 (distinct email of crm/optin.csv) ±25%, so 3..5\n');
    expect(r.stdout).toContain('ok    vip-guests  exports/vip.ndjson: 1 row, 1 guest by guest.email\n'
      + '  ok   includes all 1 test guest\n  ok   excludes all 1 test guest\n  ok   size: 1 row, expected 1..10');
  });

  it('checks one segment with --only and prints the golive.data-segments/1 document', async () => {
    const r = await runCli(['data', 'segments', '--only', 'vip-guests', '--json'], project);
    expect(r.code, r.stderr).toBe(0);
    const doc = parseDocument(r.stdout);
    expect(doc.ok).toBe(true);
    expect(doc.segments.map((s) => [s.name, s.ok, s.checks.map((c) => c.kind)])).toEqual([['vip-guests', true, ['includes', 'excludes', 'size']]]);
    const unknown = await runCli(['data', 'segments', '--only', 'vip-guest'], project);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--only vip-guest: no such segment in .*golive\.yaml\nhint: did you mean "vip-guests"\?/);
  });

  it('exits 2 when an export cannot be read, and still reports the other segments', async () => {
    const broken = makeProject(`${SEGMENTS}    - name: lapsed\n      export: exports/lapsed.csv\n      excludes: [anna.test@example.com]\n`);
    dirs.push(broken);
    for (const d of ['exports', 'crm']) mkdirSync(path.join(broken, d));
    writeFileSync(path.join(broken, 'exports', 'vip.ndjson'), `${JSON.stringify({ guest: { email: 'anna.test@example.com' } })}\n`);
    const r = await runCli(['data', 'segments', '--format', 'md'], broken);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toMatch(/^## ❌ segments: 2 not read · 3 segments/);
    expect(r.stdout).toContain('| error | lapsed | exports/lapsed.csv: not read | cannot read the export of segment lapsed:   exports/lapsed.csv: no such file |');
    expect(r.stdout).toContain('| ok | vip-guests |');
  });

  it('exits 2 with the YAML to write when no segment is declared', async () => {
    const bare = makeProject();
    dirs.push(bare);
    const r = await runCli(['data', 'segments'], bare);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: no segments are declared in .*golive\.yaml\nhint: declare the segments and what their audience exports must show:\ncdp:\n {2}segments:\n {4}- name: newsletter-subscribers/);
  });
});
