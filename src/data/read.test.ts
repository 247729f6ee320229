import { gzipSync } from 'node:zlib';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LINE_BYTES, dropLines, readLines, readPlan } from './read.js';
import { useTempFiles } from './test-helpers.js';

const { fixture, at, dir } = useTempFiles('golive-read-');
let instance: DuckDBInstance;
let db: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  db = await instance.connect();
});
afterAll(() => {
  db.closeSync();
  instance.closeSync();
});

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(sql)).getRowObjectsJson();
}

/** Lines of `file` as [line, valid] pairs plus the rejected ones. */
async function linesOf(file: string): Promise<{ lines: [number, boolean][]; rejects: [number, string][] }> {
  const f = file.replaceAll("'", "''");
  const lines = await rows(`SELECT line, valid FROM lines WHERE file = '${f}' ORDER BY line`);
  const rejects = await rows(`SELECT line, reason FROM line_rejects WHERE file = '${f}' ORDER BY line`);
  return { lines: lines.map((r) => [Number(r.line), r.valid === true]), rejects: rejects.map((r) => [Number(r.line), String(r.reason)]) };
}

describe('readLines', () => {
  it('numbers physical lines with a BOM, CRLF, blank lines and a truncated line (trap 1 and 2)', async () => {
    const path = fixture('crlf.ndjson', '\ufeff{"i":1}\r\n{"i":2}\r\n\r\n{"i":\r\n{"i":5}\r\n  \r\n{"i":7}');
    const [read] = await readLines(db, [path]);
    expect(read).toEqual({ file: path, lines: 7 });
    const { lines } = await linesOf(path);
    expect(lines).toEqual([[1, true], [2, true], [3, false], [4, false], [5, true], [6, false], [7, true]]);
    const raw = await rows(`SELECT line, raw FROM lines WHERE valid ORDER BY line`);
    expect(raw.map((r) => r.raw)).toEqual(['{"i":1}', '{"i":2}', '{"i":5}', '{"i":7}']);
  });

  it('reports invalid UTF-8 with its line and keeps numbering the lines after it', async () => {
    const body = Buffer.concat([Buffer.from('{"i":1}\n'), Buffer.from([0x7b, 0x22, 0x69, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d, 0x0a]), Buffer.from('{"i":3}\n{"i":4}\n')]);
    const path = fixture('latin.ndjson', body);
    const [read] = await readLines(db, [path]);
    expect(read?.lines).toBe(4);
    expect(await linesOf(path)).toEqual({ lines: [[1, true], [3, true], [4, true]], rejects: [[2, 'invalid UTF-8']] });
  });

  it('gets every line number right in a big file with scattered rejects', async () => {
    const bad = new Set([3, 4, 9_000, 25_001, 39_999]);
    const parts: Buffer[] = [];
    for (let i = 1; i <= 40_000; i += 1) parts.push(Buffer.from(bad.has(i) ? `{"i":${i},"x":"\xff"}\n` : `{"i":${i}}\n`, bad.has(i) ? 'latin1' : 'utf8'));
    const path = fixture('big.ndjson', Buffer.concat(parts));
    const [read] = await readLines(db, [path]);
    expect(read?.lines).toBe(40_000);
    const [check] = await rows(`SELECT count(*) AS n, count(*) FILTER (WHERE (raw::JSON->>'i')::BIGINT <> line) AS wrong FROM lines`);
    expect(check).toEqual({ n: '39995', wrong: '0' });
    expect((await linesOf(path)).rejects.map(([line]) => line)).toEqual([...bad]);
  });

  it('numbers the lines of a file that starts with LF line ends and has CRLF ones later (no phantom blank lines)', async () => {
    // Sniffed from an LF first line, DuckDB read each later CRLF as a line and an empty row.
    const path = fixture('mixed.ndjson', '{"i":1}\n{"i":2}\n{"i":3}\r\n{"i":4}\n\n{"i":6}\r\n{"i":7}\n');
    const [read] = await readLines(db, [path]);
    expect(read).toEqual({ file: path, lines: 7 });
    expect((await linesOf(path)).lines).toEqual([[1, true], [2, true], [3, true], [4, true], [5, false], [6, true], [7, true]]);
    const raw = await rows(`SELECT line, raw::JSON->>'i' AS i FROM lines WHERE valid ORDER BY line`);
    expect(raw.map((r) => [Number(r.line), Number(r.i)])).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [6, 6], [7, 7]]);
  });

  it('keeps the line after an LF that falls on the first byte of a part DuckDB reads on another thread', async () => {
    // 256-byte lines after one blank line put an LF at every multiple of 256 bytes, so on each 32 MiB
    // boundary of DuckDB's parallel parts: its parallel read drops the line after it; golive reads again on one thread.
    const count = (33 * 1024 * 1024) / 256;
    const body = Array.from({ length: count }, (_v, i) => {
      const head = `{"i":${String(i + 2).padStart(7, ' ')},"pad":"`;
      return `${head}${'x'.repeat(255 - head.length - 2)}"}`;
    });
    expect(body[0]).toHaveLength(255);
    const text = `\n${body.join('\n')}\n`;
    const path = fixture('boundary.ndjson', text);
    const zipped = fixture('boundary.ndjson.gz', gzipSync(text));
    // Plain: a maximum 4099 bytes larger moves every part start off the LFs. Under 32 MiB nothing can
    // move them: one thread. Gzipped: read in parallel, the count tells a line was lost, read again on one thread.
    expect(await readPlan(path, false, DEFAULT_MAX_LINE_BYTES)).toEqual({ maxLineBytes: DEFAULT_MAX_LINE_BYTES + 4099, parallel: true });
    expect(await readPlan(path, false, 1024 * 1024)).toEqual({ maxLineBytes: 1024 * 1024, parallel: false });
    expect(await readPlan(zipped, true, DEFAULT_MAX_LINE_BYTES)).toEqual({ maxLineBytes: DEFAULT_MAX_LINE_BYTES, parallel: true });
    for (const [file, maxLineBytes] of [[path, undefined], [path, 1024 * 1024], [zipped, undefined]] as const) {
      const [read] = await readLines(db, [file], { maxLineBytes });
      expect(read).toEqual({ file, lines: count + 1 });
      const [check] = await rows(`SELECT count(*) AS n, count(*) FILTER (WHERE (raw::JSON->>'i')::BIGINT <> line) AS wrong FROM lines WHERE valid`);
      expect(check).toEqual({ n: String(count), wrong: '0' });
    }
  });

  it('reads a 10 MB line, and reports it when over the limit without losing the next line', async () => {
    const long = `{"i":2,"x":"${'a'.repeat(10 * 1024 * 1024)}"}`;
    const path = fixture('long.ndjson', `{"i":1}\n${long}\n{"i":3}\n`);
    await readLines(db, [path]);
    expect((await linesOf(path)).lines).toEqual([[1, true], [2, true], [3, true]]);
    await readLines(db, [path], { maxLineBytes: 1024 * 1024 });
    expect(await linesOf(path)).toEqual({ lines: [[1, true], [3, true]], rejects: [[2, 'line longer than the maximum line size']] });
  });

  it('reads gzip by its magic bytes and reports a truncated gzip as a file-level error', async () => {
    const text = Array.from({ length: 20_000 }, (_v, i) => `{"i":${i + 1},"pad":"${String(i).repeat(20)}"}`).join('\n');
    const zipped = gzipSync(text);
    const good = fixture('events.json.gz', zipped);
    const noExt = fixture('events-gz-without-extension', zipped);
    const cut = fixture('cut.ndjson.gz', zipped.subarray(0, Math.floor(zipped.length / 2)));
    const files = await readLines(db, [cut, good, noExt]);
    expect(files[0]).toMatchObject({ file: cut, lines: 0 });
    expect(files[0]?.error).toMatch(/truncated or corrupt gzip/);
    expect(files.slice(1)).toEqual([{ file: good, lines: 20_000 }, { file: noExt, lines: 20_000 }]);
    expect(await rows(`SELECT count(*) AS n FROM lines WHERE file = '${cut}'`)).toEqual([{ n: '0' }]);
  });

  it('reports an empty file as zero lines and a missing path or a directory as file errors', async () => {
    const empty = fixture('empty.ndjson', '');
    const files = await readLines(db, [empty, at('nope.ndjson'), dir()]);
    expect(files[0]).toEqual({ file: empty, lines: 0 });
    expect(files[1]?.error).toMatch(/cannot read the file: ENOENT/);
    expect(files[2]?.error).toBe('not a regular file');
  });

  it('marks JSON that is not an object as invalid', async () => {
    const path = fixture('shapes.ndjson', '[1]\n42\n"x"\n{"ok":true}\n');
    await readLines(db, [path]);
    expect((await linesOf(path)).lines).toEqual([[1, false], [2, false], [3, false], [4, true]]);
  });

  it('inPlace: the same lines and numbers through a view, with a reject, a missing file and an extra column; dropLines leaves nothing', async () => {
    const plain = fixture('plain.ndjson', '{"i":1}\n[2]\n\n{"i":4}\n');
    const latin = fixture('latin-2.ndjson', Buffer.concat([Buffer.from('{"i":1}\n'), Buffer.from([0x7b, 0x22, 0x69, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d, 0x0a]), Buffer.from('{"i":3}\n')]));
    const paths = [plain, at('missing.ndjson'), latin];
    const columns = [{ name: 'i', type: 'BIGINT', sql: "(CASE WHEN valid THEN raw END)::JSON->>'i'" }];
    const table = async () => rows('SELECT file, line, raw, valid, i FROM lines ORDER BY file, line');
    const copied = await readLines(db, paths, { columns, keepValidRaw: false });
    const expected = await table();
    const rejects = await rows('SELECT * FROM line_rejects ORDER BY file, line');
    expect(await readLines(db, paths, { columns, keepValidRaw: false, inPlace: true })).toEqual(copied);
    expect(await table()).toEqual(expected);
    expect(expected.map((r) => [Number(r.line), r.i])).toEqual([[1, '1'], [3, '3'], [1, '1'], [2, null], [3, null], [4, '4']]);
    expect(await rows('SELECT * FROM line_rejects ORDER BY file, line')).toEqual(rejects);
    expect(rejects).toHaveLength(1);
    await dropLines(db);
    const left = await rows(`SELECT table_name AS name FROM duckdb_tables() WHERE table_name = 'lines' OR starts_with(table_name, 'golive_')
      UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name = 'lines'`);
    expect(left).toEqual([]);
    expect(await readLines(db, [at('missing.ndjson')], { inPlace: true })).toHaveLength(1);
    expect(await rows('SELECT count(*) AS n FROM lines')).toEqual([{ n: '0' }]);
  });
});
