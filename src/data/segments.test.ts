import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SegmentExpectation } from '../playbook/cdp.js';
import { segmentOk } from '../report/segments.js';
import { checkSegments } from './segments.js';

let dir: string;
const write = (name: string, content: string | Buffer) => writeFileSync(path.join(dir, name), content);
const segment = (over: Partial<SegmentExpectation>): SegmentExpectation => ({ name: 'vip', export: 'exports/vip.csv', match: 'email', includes: [], excludes: [], ...over });
const check = async (over: Partial<SegmentExpectation>) => {
  const [result] = await checkSegments([segment(over)], { base: dir });
  if (!result) throw new Error('no result');
  return result;
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'golive-segments-'));
  mkdirSync(path.join(dir, 'exports'));
  mkdirSync(path.join(dir, 'crm'));
  write('exports/vip.csv', 'guestRef,email,firstName\ng1,Anna.Test@example.com,Anna\ng2,carl@example.com,Carl\ng3,,NoMail\ng4,dora@example.com,Dora\n');
  write('exports/vip.ndjson.gz', gzipSync(['{"guest":{"email":"anna.test@example.com"}}', '{"guest":{"email":"bob.optout@example.com"}}', ''].join('\n')));
  write('crm/optin.csv', 'email\nanna.test@example.com\nANNA.TEST@example.com\ncarl@example.com\ndora@example.com\nerik@example.com\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkSegments', () => {
  it('passes when the included guests are in and the excluded ones are out, ignoring case and spaces', async () => {
    const r = await check({ includes: ['anna.test@example.com', ' CARL@example.com'], excludes: ['bob.optout@example.com'] });
    expect([r.rows, r.guests, r.withoutMatch]).toEqual([4, 3, 1]);
    expect(r.checks).toEqual([
      { kind: 'includes', ok: true, expected: ['anna.test@example.com', ' CARL@example.com'], missing: [] },
      { kind: 'excludes', ok: true, expected: ['bob.optout@example.com'], unexpected: [] },
    ]);
    expect(segmentOk(r)).toBe(true);
  });

  it('names missing guests, and unexpected guests with the line they are on (nested JSON field, gzipped)', async () => {
    const r = await check({ export: 'exports/vip.ndjson.gz', match: 'guest.email', includes: ['anna.test@example.com', 'carl@example.com'], excludes: ['bob.optout@example.com'] });
    expect(r.checks).toEqual([
      { kind: 'includes', ok: false, expected: ['anna.test@example.com', 'carl@example.com'], missing: ['carl@example.com'] },
      { kind: 'excludes', ok: false, expected: ['bob.optout@example.com'], unexpected: [{ guest: 'bob.optout@example.com', at: { file: 'exports/vip.ndjson.gz', line: 2, record: 2 } }] },
    ]);
    expect(segmentOk(r)).toBe(false);
  });

  it('checks the size against a range and against a source count within a tolerance', async () => {
    const r = await check({ size: { min: 5, max: 10, source: 'crm/optin.csv', tolerance: 0.2 } });
    expect(r.checks).toEqual([
      { kind: 'size', ok: false, rows: 4, min: 5, max: 10 },
      { kind: 'source-count', ok: true, rows: 4, source: 'crm/optin.csv', files: [{ file: 'crm/optin.csv', format: 'csv', records: 5 }], counted: 'rows', count: 5, tolerance: 0.2, low: 4, high: 6 },
    ]);
    const exact = await check({ size: { source: 'crm/optin.csv' } });
    expect(exact.checks[0]).toMatchObject({ kind: 'source-count', ok: false, count: 5, low: 5, high: 5 });
    const distinct = await check({ size: { source: 'crm/optin.csv', sourceMatch: 'email' } });
    expect(distinct.checks[0]).toMatchObject({ kind: 'source-count', ok: true, counted: 'distinct email', count: 4 });
  });

  it('reports an export that cannot be read or lacks the match field, and checks the other segments', async () => {
    const results = await checkSegments([
      segment({ name: 'gone', export: 'exports/missing-*.csv', includes: ['a@example.com'] }),
      segment({ name: 'wrong-field', match: 'mail', includes: ['a@example.com'] }),
      segment({ name: 'fine', includes: ['dora@example.com'] }),
    ], { base: dir });
    expect(results.map((r) => [r.name, segmentOk(r)])).toEqual([['gone', false], ['wrong-field', false], ['fine', true]]);
    expect(results[0]?.error?.message).toBe(`cannot read the export of segment gone:\n  exports/missing-*.csv: no file matches (looked in ${dir})`);
    expect(results[1]?.error?.message).toMatch(/exports\/vip\.csv: no column "mail" \(columns in the file: guestRef, email, firstName\); did you mean "email"\?/);
    expect(results[1]?.error?.hint).toMatch(/match names the export field/);
  });
});
