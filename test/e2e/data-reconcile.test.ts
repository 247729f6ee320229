import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
import { parseDocument as parseDocumentAs } from '../support/json-document.js';

const ndjson = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;

const parseDocument = (stdout: string) => parseDocumentAs('data-reconcile', stdout);

/** `golive data reconcile` as a user runs it: the built CLI (npm run build) on a CRM extract and a platform export the test writes. */
describe('golive data reconcile', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist', 'cli', 'commands', 'data-reconcile.js'))) throw new Error('the CLI is not built with data reconcile: run npm run build first');
    dir = mkdtempSync(path.join(tmpdir(), 'golive-reconcile-'));
    // A CRLF export with a blank line: R4 sits on physical line 6.
    writeFileSync(path.join(dir, 'orders.csv'), ['referenceId,price,currencyCode,status', 'R1,10.00,EUR,CONFIRMED', 'R2,5.50,EUR,CONFIRMED', '', 'R3,7.00,USD,PENDING', 'R4,1.10,EUR,CONFIRMED', ''].join('\r\n'));
    writeFileSync(path.join(dir, 'orders.ndjson.gz'), gzipSync(ndjson([
      { ref: 'R1', value: { orderRef: 'R1', price: 10, currencyCode: 'EUR', status: 'CONFIRMED' } },
      { ref: 'R2', value: { orderRef: 'R2', price: 5.5, currencyCode: 'EUR', status: 'CANCELLED' } },
      { ref: 'R3', value: { orderRef: 'R3', price: 7.004, currencyCode: 'USD', status: 'PENDING' } },
      { ref: 'R9', value: { orderRef: 'R9', price: 3, currencyCode: 'EUR', status: 'CONFIRMED' } },
    ])));
    writeFileSync(path.join(dir, 'same.ndjson'), ndjson([
      { referenceId: 'R1', price: '10', currencyCode: 'EUR' }, { referenceId: 'R2', price: 5.5, currencyCode: 'EUR' },
      { referenceId: 'R3', price: 7, currencyCode: 'USD' }, { referenceId: 'R4', price: 1.1, currencyCode: 'EUR' },
    ]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const nested = ['data', 'reconcile', '--source', 'orders.csv', '--target', 'orders.ndjson.gz', '--key', 'referenceId', '--key-target', 'value.orderRef'];

  it('exits 0 when the sides agree, with sums per currency', async () => {
    const r = await runCli(['data', 'reconcile', '--source', 'orders.csv', '--target', 'same.ndjson', '--key', 'referenceId', '--compare', 'price', '--sum', 'price', '--currency', 'currencyCode'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^reconcile: the sides agree · source 4 rows \(4 keys\) in orders\.csv · target 4 rows \(4 keys\) in same\.ndjson\n/);
    expect(r.stdout).toMatch(/\n {2}ok {3}EUR {2}source 16\.6 \(3 rows\) {2}target 16\.6 \(3 rows\) {2}difference 0\n/);
    expect(r.stdout).not.toMatch(/FAIL/);
  });

  it('names missing, extra and differing keys by file:line and exits 1', async () => {
    const r = await runCli([...nested, '--compare', 'status=value.status,price=value.price', '--sum', 'price=value.price', '--currency', 'currencyCode=value.currencyCode', '--tolerance', '0.001'], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^reconcile: 6 differences found/);
    expect(r.stdout).toMatch(/FAIL keys missing in the target {2}1 key\n {7}R4 {2}orders\.csv:6\n/);
    expect(r.stdout).toMatch(/FAIL keys only in the target {2}1 key\n {7}R9 {2}orders\.ndjson\.gz:4\n/);
    expect(r.stdout).toMatch(/FAIL status \(target: value\.status\) differs {2}1 of 3 matched keys\n {7}R2 {2}"CONFIRMED" at orders\.csv:3 ≠ "CANCELLED" at orders\.ndjson\.gz:2\n/);
    expect(r.stdout).toMatch(/FAIL price \(target: value\.price\) differs {2}1 of 3 matched keys\n {7}R3 {2}"7\.00" at orders\.csv:5 ≠ "7\.004" at orders\.ndjson\.gz:3\n/);
    expect(r.stdout).toMatch(/FAIL EUR {2}source 16\.6 \(3 rows\) {2}target 18\.5 \(3 rows\) {2}difference 1\.9\n/);
    expect(r.stdout).toMatch(/FAIL USD {2}source 7 \(1 row\) {2}target 7\.004 \(1 row\) {2}difference 0\.004/);
  });

  it('prints the golive.data-reconcile/1 document with --json, valid against its schema', async () => {
    const r = await runCli([...nested, '--sum', 'price=value.price', '--json', '--examples', '1'], dir);
    expect(r.code, r.stderr).toBe(1);
    const doc = parseDocument(r.stdout);
    expect([doc.ok, doc.matched, doc.source.rows, doc.target.keys, doc.tolerance]).toEqual([false, 3, 4, 4, 0]);
    expect(doc.key).toEqual({ source: 'referenceId', target: 'value.orderRef' });
    expect(doc.missing).toEqual({ count: 1, examples: [{ key: 'R4', at: { file: 'orders.csv', line: 6, record: 4 } }] });
    expect(doc.sums?.totals).toEqual([{ currency: null, source: 23.6, target: 25.504, difference: 1.904, sourceRows: 4, targetRows: 4, ok: false }]);
  });

  it('writes Markdown with --format md', async () => {
    const r = await runCli([...nested, '--format', 'md'], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^## ❌ reconcile: 2 differences found/);
    expect(r.stdout).toContain('| fail | keys missing in the target | 1 key | `R4  orders.csv:6` |');
  });

  it('names the file, the missing field and the columns it has, and exits 2', async () => {
    const r = await runCli(['data', 'reconcile', '--source', 'orders.csv', '--target', 'orders.ndjson.gz', '--key', 'referenceId'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error: cannot read the target:\n {2}orders\.ndjson\.gz: no field "referenceId" \(fields in the file: ref, value\); did you mean "ref"\?\nhint: name the field as each file has it/);
  });

  it('exits 2 for a file that cannot be read and for a bad option, without a stack trace', async () => {
    const missing = await runCli(['data', 'reconcile', '--source', 'nope.csv', '--target', 'same.ndjson', '--key', 'referenceId'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/error: cannot read the source:\n {2}nope\.csv: no such file\nhint: golive reads CSV/);
    const currency = await runCli(['data', 'reconcile', '--source', 'orders.csv', '--target', 'same.ndjson', '--key', 'referenceId', '--currency', 'currencyCode'], dir);
    expect(currency.code).toBe(2);
    expect(currency.stderr).toMatch(/--currency splits the sums of --sum by currency, and --sum is missing\nhint: add --sum <field>/);
    const tolerance = await runCli(['data', 'reconcile', '--source', 'orders.csv', '--target', 'same.ndjson', '--key', 'referenceId', '--tolerance', '-1'], dir);
    expect(tolerance.code).toBe(2);
    expect(tolerance.stderr).toMatch(/expected a number of 0 or more/);
    for (const r of [missing, currency, tolerance]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
