import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectDelimiter, scanCsv, splitRecord } from './csv-scan.js';

let dir: string;
beforeAll(() => { dir = mkdtempSync(path.join(tmpdir(), 'golive-csv-scan-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function scan(content: string | Buffer, delimiter?: string) {
  const file = path.join(dir, 'x.csv');
  writeFileSync(file, content);
  return scanCsv(file, false, delimiter);
}

/** Line of good record k (1-based) from the step function. */
function lineOf(steps: [number, number][], k: number): number {
  const step = steps.filter(([first]) => first <= k).at(-1);
  return k + (step?.[1] ?? Number.NaN);
}

describe('scanCsv', () => {
  const cases: { name: string; text: string; records: number; lines: number[]; malformed?: { line: number; reason: string }[] }[] = [
    { name: 'plain LF', text: 'a,b\n1,2\n3,4\n', records: 2, lines: [2, 3] },
    { name: 'CRLF without a final newline', text: 'a,b\r\n1,2\r\n3,4', records: 2, lines: [2, 3] },
    { name: 'blank lines skipped (CRLF blank too)', text: 'a,b\n\n1,2\r\n\r\n\n3,4\n', records: 2, lines: [3, 6] },
    { name: 'quoted newline, doubled quote, quote inside an unquoted field', text: 'a,b\n1,"x\ny ""z"""\n2,ab"c\n3,4\n', records: 3, lines: [2, 4, 5] },
    { name: 'delimiter inside quotes', text: 'a,b\n"1,5",2\n', records: 1, lines: [2] },
    {
      name: 'malformed records keep the numbering of the rest', text: 'a,b\n1\n2,3,4\n"x"y,1\n5,6\n   \n7,"open\n8,9\n', records: 1, lines: [5],
      malformed: [
        { line: 2, reason: '1 field, the header has 2' }, { line: 3, reason: '3 fields, the header has 2' }, { line: 4, reason: 'text after a closing quote' },
        { line: 6, reason: '1 field, the header has 2' }, { line: 7, reason: 'a quote is never closed: the record runs to the end of the file' },
      ],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const s = await scan(c.text);
      expect(s.records).toBe(c.records);
      expect(c.lines.map((_, i) => lineOf(s.steps, i + 1))).toEqual(c.lines);
      expect(s.malformed).toEqual(c.malformed ?? []);
      expect(s.malformedCount).toBe((c.malformed ?? []).length);
    });
  }

  it('reads the header: BOM stripped, quoted names, the delimiter it uses', async () => {
    const s = await scan('\uFEFF"order id";"price, gross";cur\n1;2;3\n');
    expect([s.columns, s.delimiter, s.records]).toEqual([['order id', 'price, gross', 'cur'], ';', 1]);
    expect((await scan('a\tb\n1\t2\n', '\t')).columns).toEqual(['a', 'b']);
  });

  it('counts physical lines and finds the first line that is not UTF-8', async () => {
    expect((await scan('a\n1\n2')).lines).toBe(3);
    expect((await scan('a\n1\n2\n')).lines).toBe(3);
    const latin1 = await scan(Buffer.concat([Buffer.from('a,b\n1,ok\n2,caf'), Buffer.from([0xe9]), Buffer.from('\n3,x\n')]));
    expect(latin1.notUtf8Line).toBe(3);
    expect((await scan('a,b\n1,café\n')).notUtf8Line).toBeUndefined();
  });

  it('has no header in an empty or blank file', async () => {
    expect((await scan('\n\n')).columns).toEqual([]);
  });
});

describe('header helpers', () => {
  it('picks the most frequent delimiter outside quotes, comma by default', () => {
    expect(detectDelimiter('a;b;c')).toBe(';');
    expect(detectDelimiter('"a;b",c')).toBe(',');
    expect(detectDelimiter('a\tb')).toBe('\t');
    expect(detectDelimiter('single')).toBe(',');
  });
  it('splits a record, unquoting and trimming', () => {
    expect(splitRecord(' a , "b ""q"" ",c', ',')).toEqual(['a', 'b "q"', 'c']);
  });
});
