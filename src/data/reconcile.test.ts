import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { reconcile, reconciled, type ReconcileOptions } from './reconcile.js';

let dir: string;
const write = (name: string, content: string | Buffer) => writeFileSync(path.join(dir, name), content);
const ndjson = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
const run = (over: Partial<ReconcileOptions>) => reconcile({ source: ['src.csv'], target: ['tgt.ndjson'], base: dir, key: { source: 'referenceId', target: 'referenceId' }, ...over });

async function failure(promise: Promise<unknown>): Promise<UsageError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof UsageError)) throw new Error(`expected a UsageError, got ${String(err)}`);
  return err;
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'golive-reconcile-'));
  // Line 1 header; line 4 is blank; the quoted note on line 5 spans two lines, so R4 sits on line 7.
  write('src.csv', [
    'referenceId,price,currencyCode,status,note',
    'R1,10.00,EUR,CONFIRMED,a',
    ' R2 ,5.5,EUR,CONFIRMED,b',
    '',
    'R3,7,USD,PENDING,"two',
    'lines"',
    'R4,1.10,EUR,CONFIRMED,c',
    '00123,2,EUR,CONFIRMED,d',
    'R1,10.00,EUR,CONFIRMED,dup',
    '',
  ].join('\n'));
  write('tgt.ndjson', ndjson([
    { referenceId: 'R1', price: 10, currencyCode: 'EUR', status: 'CONFIRMED' },
    { referenceId: 'R2', price: 5.5, currencyCode: 'EUR', status: 'CANCELLED' },
    { referenceId: 'R3', price: 7.004, currencyCode: 'USD', status: 'PENDING ' },
    { referenceId: '00123', price: 2, currencyCode: 'EUR', status: 'CONFIRMED' },
    { referenceId: 'R9', price: 3, currencyCode: 'EUR', status: 'CONFIRMED' },
  ]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reconcile', () => {
  it('finds missing, extra and duplicate keys with their true lines (a blank line and a two-line record before them)', async () => {
    const r = await run({});
    expect([r.source.rows, r.source.keys, r.target.rows, r.target.keys, r.matched]).toEqual([6, 5, 5, 5, 4]);
    expect(r.missing).toEqual({ count: 1, examples: [{ key: 'R4', at: { file: 'src.csv', line: 7, record: 4 } }] });
    expect(r.extra).toEqual({ count: 1, examples: [{ key: 'R9', at: { file: 'tgt.ndjson', line: 5, record: 5 } }] });
    expect(r.source.duplicates).toEqual({ count: 1, rows: 1, examples: [{ key: 'R1', rows: 2, at: [{ file: 'src.csv', line: 2, record: 1 }, { file: 'src.csv', line: 9, record: 6 }] }] });
    expect(r.target.duplicates.count).toBe(0);
    expect(reconciled(r)).toBe(false);
  });

  it('keeps keys as text: 00123 is not 123, and surrounding spaces do not count', async () => {
    write('num.csv', 'referenceId\n123\nR2\n');
    const r = await run({ source: ['num.csv'] });
    expect(r.missing.examples.map((e) => e.key)).toEqual(['123']);
    expect(r.extra.examples.map((e) => e.key)).toEqual(['R1', 'R3', '00123', 'R9']);
  });

  it('compares numbers within the tolerance and text exactly after trimming', async () => {
    const strict = await run({ compare: [{ source: 'price', target: 'price' }, { source: 'status', target: 'status' }] });
    const [price, status] = strict.mismatches;
    expect(price).toMatchObject({ count: 1, examples: [{ key: 'R3', source: { value: '7', at: { line: 5 } }, target: { value: '7.004', at: { line: 3 } } }] });
    expect(status).toMatchObject({ count: 1, examples: [{ key: 'R2', source: { value: 'CONFIRMED', at: { line: 3 } }, target: { value: 'CANCELLED', at: { line: 2 } } }] });
    const loose = await run({ tolerance: 0.01, compare: [{ source: 'price', target: 'price' }] });
    expect(loose.mismatches[0]?.count).toBe(0);
  });

  it('sums per currency, or one total without a currency field', async () => {
    const per = await run({ sum: { source: 'price', target: 'price' }, currency: { source: 'currencyCode', target: 'currencyCode' } });
    expect(per.sums?.totals).toEqual([
      { currency: 'EUR', source: 28.6, target: 20.5, difference: -8.1, sourceRows: 5, targetRows: 4, ok: false },
      { currency: 'USD', source: 7, target: 7.004, difference: 0.004, sourceRows: 1, targetRows: 1, ok: false },
    ]);
    const one = await run({ sum: { source: 'price', target: 'price' }, tolerance: 0.01 });
    expect(one.sums?.totals).toEqual([{ currency: null, source: 35.6, target: 27.504, difference: -8.096, sourceRows: 6, targetRows: 5, ok: false }]);
  });

  it('is clean when both sides agree, across formats: gzipped TSV against a JSON array with nested fields and another field name', async () => {
    write('a.tsv.gz', gzipSync('id\tamount\tcur\nX1\t1.5\tEUR\n'));
    write('b.json', JSON.stringify([{ value: { orderRef: 'X1', total: 1.5, currency: 'EUR' } }]));
    const r = await reconcile({
      source: ['a.tsv.gz'], target: ['b.json'], base: dir, key: { source: 'id', target: 'value.orderRef' },
      compare: [{ source: 'amount', target: 'value.total' }], sum: { source: 'amount', target: 'value.total' }, currency: { source: 'cur', target: 'value.currency' },
    });
    expect([r.matched, r.missing.count, r.extra.count, r.mismatches[0]?.count]).toEqual([1, 0, 0, 0]);
    expect(r.target.files).toEqual([{ file: 'b.json', format: 'json', records: 1 }]);
    expect(reconciled(r)).toBe(true);
  });

  it('reads a glob of NDJSON files and Parquet, and names the n-th record where there are no lines', async () => {
    write('part-1.ndjson', ndjson([{ referenceId: 'P1' }]));
    write('part-2.ndjson', ndjson([{ referenceId: 'P2' }, { referenceId: 'P3' }]));
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    await db.run(`COPY (SELECT * FROM (VALUES ('P1'), ('P2'), ('P4')) t(referenceId)) TO '${path.join(dir, 'p.parquet')}' (FORMAT parquet)`);
    db.closeSync();
    instance.closeSync();
    const r = await run({ source: ['part-*.ndjson'], target: ['p.parquet'] });
    expect(r.source.files.map((f) => [f.file, f.records])).toEqual([['part-1.ndjson', 1], ['part-2.ndjson', 2]]);
    expect(r.missing.examples).toEqual([{ key: 'P3', at: { file: 'part-2.ndjson', line: 2, record: 2 } }]);
    expect(r.extra.examples).toEqual([{ key: 'P4', at: { file: 'p.parquet', line: null, record: 3 } }]);
  });

  it('counts rows without a key, lines that are not JSON and malformed CSV records, and reads the rest', async () => {
    write('holes.ndjson', `${JSON.stringify({ referenceId: 'R1' })}\n{"referenceId": "R2", broken\n${JSON.stringify({ referenceId: '  ' })}\n${JSON.stringify({ other: 1 })}\n`);
    write('holes.csv', 'referenceId,price\nR1,1\nR2,2,3\nR3,"4\n');
    const r = await run({ source: ['holes.csv'], target: ['holes.ndjson'] });
    expect(r.target.withoutKey).toEqual({ count: 2, examples: [{ file: 'holes.ndjson', line: 3, record: 3 }, { file: 'holes.ndjson', line: 4, record: 4 }] });
    expect(r.target.unreadable).toEqual({ count: 1, examples: [{ file: 'holes.ndjson', line: 2, reason: 'not valid JSON' }] });
    expect(r.source.unreadable.examples).toEqual([
      { file: 'holes.csv', line: 3, reason: '3 fields, the header has 2' },
      { file: 'holes.csv', line: 4, reason: 'a quote is never closed: the record runs to the end of the file' },
    ]);
    expect(r.source.rows).toBe(1);
    expect(r.matched).toBe(1);
  });

  it('names the file, the missing field, the columns it has and a likely match', async () => {
    const err = await failure(run({ key: { source: 'referenceID', target: 'referenceId' } }));
    expect(err.message).toBe('cannot read the source:\n  src.csv: no column "referenceID" (columns in the file: referenceId, price, currencyCode, status, note); did you mean "referenceId"?');
    expect(err.hint).toMatch(/--key takes a CSV column or a JSON field/);
    const nested = await failure(run({ source: ['b.json'], key: { source: 'value.orderRf', target: 'referenceId' } }));
    expect(nested.message).toMatch(/b\.json: no field "value\.orderRf" \(fields in the file: value\.currency, value\.orderRef, value\.total\); did you mean "value\.orderRef"\?/);
  });

  it('refuses unreadable files at once: missing, truncated gzip, not UTF-8, unknown kind, empty glob', async () => {
    write('cut.csv.gz', gzipSync('referenceId\nR1\nR2\n'.repeat(200)).subarray(0, 40));
    write('latin1.csv', Buffer.concat([Buffer.from('referenceId,name\nR1,a\nR2,caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    write('orders.xlsx', 'x');
    const err = await failure(run({ source: ['nope.csv', 'cut.csv.gz', 'latin1.csv', 'orders.xlsx', 'none-*.csv'] }));
    const lines = err.message.split('\n').slice(1).map((l) => l.trim());
    expect(lines[0]).toBe('none-*.csv: no file matches (looked in ' + dir + ')');
    expect(lines[1]).toBe('nope.csv: no such file');
    expect(lines[2]).toMatch(/^cut\.csv\.gz: truncated or corrupt gzip/);
    expect(lines[3]).toBe('latin1.csv:3: not UTF-8 text; re-export the file as UTF-8 (or convert it, e.g. iconv -f latin1 -t utf-8)');
    expect(lines[4]).toMatch(/^orders\.xlsx: unknown format/);
  });
});
