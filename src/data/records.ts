import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import type { DuckDBConnection } from '@duckdb/node-api';
import { UsageError } from '../errors.js';
import { suggestion } from '../lib/suggest.js';
import { scanCsv, type CsvScan } from './csv-scan.js';
import { gzipProblem, isGzip } from './gzip.js';
import { DEFAULT_MAX_LINE_BYTES, INVALID_REASON_SQL, readLines, sqlString } from './read.js';

/**
 * Reads tabular exports (CSV, TSV, NDJSON, JSON arrays, Parquet; gzip or not; files or globs)
 * into one DuckDB table of the fields asked for, every value as trimmed text (empty = NULL), each
 * row with where it came from. Used by `golive data reconcile` and `golive data segments`.
 */
export type RecordFormat = 'csv' | 'tsv' | 'ndjson' | 'json' | 'parquet';

/** Where a record sits: its physical line for CSV and NDJSON; for JSON arrays and Parquet only its position (line null). */
export interface RecordLocation {
  file: string;
  line: number | null;
  record: number;
}

export interface RecordFile {
  file: string;
  format: RecordFormat;
  /** Records read (malformed ones not counted). */
  records: number;
}

/** A record that could not be read: a malformed CSV record, an NDJSON line that is not a JSON object. */
export interface BadRecord {
  file: string;
  line: number | null;
  reason: string;
}

export interface LoadedRecords {
  files: RecordFile[];
  rows: number;
  badCount: number;
  /** The first bad records, in file order. */
  bad: BadRecord[];
}

export interface LoadRequest {
  /** Table to create: pos (file index), file, line, record, then one VARCHAR column per field. */
  table: string;
  /** File paths or globs, relative to `base`. */
  patterns: string[];
  base: string;
  /** Column name in the table -> field: a CSV column name, or a JSON field (dotted path for nested ones, e.g. value.referenceId). */
  fields: Record<string, string>;
  /** What the files are, for messages: "source", "target", "export of segment vip". */
  label: string;
  /** Hint when a field is missing, e.g. which option names it. */
  fieldHint: string;
  maxBad?: number;
}

const WS = "' ' || chr(9) || chr(10) || chr(13)";
const clean = (expr: string) => `nullif(trim(${expr}, ${WS}), '')`;
const hasGlob = (pattern: string) => /[*?[{]/.test(pattern);
const FORMATS: Record<string, RecordFormat> = { '.csv': 'csv', '.tsv': 'tsv', '.tab': 'tsv', '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.json': 'json', '.parquet': 'parquet' };

/** The format a file name says (a trailing .gz aside). */
export function formatOf(file: string): RecordFormat | undefined {
  return FORMATS[path.extname(file.toLowerCase().replace(/\.gz$/, ''))];
}

interface Target { abs: string; shown: string }

/** Problems that stop the run (exit 2), gathered over every file so all are reported at once. */
class Problems {
  list: string[] = [];
  fieldMissing = false;
  add(problem: string): void { this.list.push(problem); }
}

async function expand(db: DuckDBConnection, patterns: string[], base: string, problems: Problems): Promise<Target[]> {
  const out: Target[] = [];
  for (const pattern of patterns) {
    const abs = path.resolve(base, pattern);
    if (!hasGlob(pattern)) { out.push({ abs, shown: pattern }); continue; }
    const rows = (await db.runAndReadAll('SELECT file FROM glob($p) ORDER BY file', { p: abs })).getRowObjectsJson();
    if (rows.length === 0) problems.add(`${pattern}: no file matches (looked in ${base})`);
    for (const r of rows) out.push({ abs: String(r.file), shown: path.relative(base, String(r.file)) || String(r.file) });
  }
  const seen = new Set<string>();
  return out.filter((t) => !seen.has(t.abs) && seen.add(t.abs));
}

/** The first non-blank character of a (possibly gzipped) file: `[` means a JSON array. */
async function firstChar(file: string, gzip: boolean): Promise<string> {
  const stream = gzip ? createReadStream(file).pipe(createGunzip()) : createReadStream(file);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = chunk.toString('utf8').replace(/^\uFEFF/, '').trimStart();
      if (text !== '') return text[0] ?? '';
    }
    return '';
  } finally {
    stream.destroy();
  }
}

const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';

/** JSON paths for a field: `$."a.b"` (a key with a dot) and `$."a"."b"` (nested). */
function jsonPaths(field: string): string[] {
  const exact = `$."${field}"`;
  const parts = field.split('.');
  return parts.length > 1 ? [exact, `$.${parts.map((p) => `"${p}"`).join('.')}`] : [exact];
}

interface FileContext { db: DuckDBConnection; req: LoadRequest; pos: number; target: Target; problems: Problems; loaded: LoadedRecords }

/** Problems with a file as a whole; undefined when it can be opened. */
async function fileProblem(abs: string, format: RecordFormat | undefined): Promise<string | undefined> {
  const info = await stat(abs).catch((err: unknown) => ((err as { code?: string }).code === 'ENOENT' ? 'no such file' : `cannot read the file: ${firstLine(err)}`));
  if (typeof info === 'string') return info;
  if (!info.isFile()) return 'not a regular file';
  if (format === undefined) return 'unknown format: golive reads .csv, .tsv, .ndjson, .jsonl, .json and .parquet files, optionally gzipped (.gz)';
  if (info.size === 0) return 'the file is empty';
  return undefined;
}

function missingField(ctx: FileContext, field: string, has: string[], noun: string): void {
  ctx.problems.fieldMissing = true;
  const listed = has.slice(0, 30).join(', ') + (has.length > 30 ? `, … (${has.length} in all)` : '');
  const near = suggestion(field, has, noun);
  ctx.problems.add(`${ctx.target.shown}: no ${noun} "${field}" (${noun}s in the file: ${listed || 'none'})${near.startsWith('did you') ? `; ${near}` : ''}`);
}

async function addBad(ctx: FileContext, rows: BadRecord[], count: number): Promise<void> {
  ctx.loaded.badCount += count;
  const room = (ctx.req.maxBad ?? 20) - ctx.loaded.bad.length;
  ctx.loaded.bad.push(...rows.slice(0, Math.max(0, room)));
}

/** Steps of the CSV line numbering as a table for an ASOF join. */
async function stepsTable(db: DuckDBConnection, scan: CsvScan): Promise<void> {
  await db.run('CREATE OR REPLACE TABLE golive_steps (first BIGINT, off BIGINT)');
  const appender = await db.createAppender('golive_steps');
  for (const [first, off] of scan.steps) {
    appender.appendBigInt(BigInt(first));
    appender.appendBigInt(BigInt(off));
    appender.endRow();
  }
  appender.closeSync();
}

async function loadCsv(ctx: FileContext, format: 'csv' | 'tsv', gzip: boolean): Promise<void> {
  const { db, req, target } = ctx;
  let scan: CsvScan;
  try {
    scan = await scanCsv(target.abs, gzip, format === 'tsv' ? '\t' : undefined);
  } catch (err) {
    return ctx.problems.add(`${target.shown}: ${gzip ? 'truncated or corrupt gzip' : 'cannot read the file'} (${firstLine(err)})`);
  }
  if (scan.notUtf8Line !== undefined) return ctx.problems.add(`${target.shown}:${scan.notUtf8Line}: not UTF-8 text; re-export the file as UTF-8 (or convert it, e.g. iconv -f latin1 -t utf-8)`);
  if (scan.columns.length === 0) return ctx.problems.add(`${target.shown}: no header line`);
  const index = new Map<string, number>();
  scan.columns.forEach((c, i) => { if (!index.has(c)) index.set(c, i + 1); });
  const fields = Object.values(req.fields);
  const missing = fields.filter((f) => !index.has(f));
  for (const field of missing) missingField(ctx, field, scan.columns, 'column');
  if (missing.length > 0) return;
  const exprs = fields.map((f) => clean(`c${index.get(f) ?? 0}`));
  const columns = scan.columns.map((_, i) => `'c${i + 1}': 'VARCHAR'`).join(', ');
  await db.run(`CREATE OR REPLACE TABLE golive_csv AS SELECT * FROM read_csv(${sqlString(target.abs)}, columns={${columns}},
    delim=${sqlString(scan.delimiter)}, quote='"', escape='"', header=true, auto_detect=false, compression=${gzip ? "'gzip'" : "'none'"},
    store_rejects=true, rejects_table='golive_csv_rejects', rejects_scan='golive_csv_scans', max_line_size=${DEFAULT_MAX_LINE_BYTES})`);
  const read = Number((await db.runAndReadAll('SELECT count(*) AS n FROM golive_csv')).getRowObjectsJson()[0]?.n ?? 0);
  if (read !== scan.records) return ctx.problems.add(`${target.shown}: golive counted ${scan.records} well-formed records but DuckDB read ${read}; the file's quoting is not the usual CSV quoting (" doubled inside quoted fields)`);
  const [only] = scan.steps;
  if (scan.steps.length === 1 && only) {
    // The usual file: no blank line, no multi-line record, nothing malformed; one offset for every record.
    await db.run(`INSERT INTO ${req.table} SELECT ${[String(ctx.pos), sqlString(target.shown), `k + ${only[1]}`, 'k', ...exprs].join(', ')}
      FROM (SELECT rowid + 1 AS k, * FROM golive_csv)`);
  } else {
    await stepsTable(db, scan);
    await db.run(`INSERT INTO ${req.table} SELECT ${[String(ctx.pos), sqlString(target.shown), 's.k + g.off', 's.k', ...exprs].join(', ')}
      FROM (SELECT rowid + 1 AS k, * FROM golive_csv) s ASOF JOIN golive_steps g ON s.k >= g.first`);
  }
  await addBad(ctx, scan.malformed.map((m) => ({ file: target.shown, line: m.line, reason: m.reason })), scan.malformedCount);
  ctx.loaded.files.push({ file: target.shown, format, records: read });
}

/** Stages JSON documents: NDJSON as numbered lines (readLines' `lines`), array elements and Parquet rows in golive_docs(record, line, raw) by position. */
async function stageDocs(ctx: FileContext, format: 'ndjson' | 'json' | 'parquet', gzip: boolean): Promise<'docs' | 'lines' | false> {
  const { db, target } = ctx;
  const file = sqlString(target.abs);
  try {
    if (format === 'parquet') {
      // A table keeps the file's row order; rowid then numbers the rows.
      await db.run(`CREATE OR REPLACE TABLE golive_stage AS SELECT * FROM read_parquet(${file})`);
      await db.run('CREATE OR REPLACE TABLE golive_docs AS SELECT rowid + 1 AS record, NULL::BIGINT AS line, to_json(s)::VARCHAR AS raw FROM golive_stage s');
    } else if (format === 'json' && (await firstChar(target.abs, gzip)) === '[') {
      const broken = gzip ? await gzipProblem(target.abs) : undefined;
      if (broken !== undefined) { ctx.problems.add(`${target.shown}: ${broken}`); return false; }
      await db.run(`CREATE OR REPLACE TABLE golive_stage AS SELECT json::VARCHAR AS raw
        FROM read_json_objects(${file}, format='array', compression=${gzip ? "'gzip'" : "'uncompressed'"}, maximum_object_size=${DEFAULT_MAX_LINE_BYTES})`);
      await db.run('CREATE OR REPLACE TABLE golive_docs AS SELECT rowid + 1 AS record, NULL::BIGINT AS line, raw FROM golive_stage');
    } else {
      const [read] = await readLines(db, [target.abs]);
      if (read?.error !== undefined) { ctx.problems.add(`${target.shown}: ${read.error}`); return false; }
      const bad = (await db.runAndReadAll(`SELECT line, ${INVALID_REASON_SQL} AS reason
        FROM lines WHERE NOT valid UNION ALL SELECT line, reason FROM line_rejects ORDER BY line`)).getRowObjectsJson();
      await addBad(ctx, bad.map((b) => ({ file: target.shown, line: Number(b.line), reason: String(b.reason) })), bad.length);
      return 'lines';
    }
    return 'docs';
  } catch (err) {
    ctx.problems.add(`${target.shown}: DuckDB could not read it as ${format === 'parquet' ? 'Parquet' : 'JSON'}: ${firstLine(err).replace(/ on line \d+|line \d+:? ?/gi, '')}`);
    return false;
  }
}

/** The keys the first records of a JSON file have next to `field` (at its parent, else at the top), for a missing-field message. */
async function keysNear(db: DuckDBConnection, field: string, docs: string): Promise<string[]> {
  const keys = async (at: string) => (await db.runAndReadAll(`SELECT DISTINCT k FROM (SELECT unnest(json_keys(raw, ${sqlString(at)})) AS k
    FROM (SELECT raw FROM ${docs} LIMIT 1000)) ORDER BY k`)).getRowObjectsJson().map((r) => String(r.k));
  const parts = field.split('.');
  if (parts.length > 1) {
    const parent = parts.slice(0, -1);
    const near = await keys(`$.${parent.map((p) => `"${p}"`).join('.')}`);
    if (near.length > 0) return near.map((k) => `${parent.join('.')}.${k}`);
  }
  return keys('$');
}

/** Where the staged documents are: NDJSON straight from the numbered lines, the others from golive_docs. */
const docsOf = (staged: 'docs' | 'lines') => (staged === 'lines' ? '(SELECT line AS record, line, raw FROM lines WHERE valid)' : 'golive_docs');

async function loadDocs(ctx: FileContext, format: 'ndjson' | 'json' | 'parquet', gzip: boolean): Promise<void> {
  const { db, req, target } = ctx;
  const staged = await stageDocs(ctx, format, gzip);
  if (staged === false) return;
  const docs = docsOf(staged);
  const fields = Object.values(req.fields);
  // Each distinct JSON path is extracted once, in one parse per document.
  const flat = [...new Set(fields.flatMap(jsonPaths))];
  const slot = (p: string) => `v[${flat.indexOf(p) + 1}]`;
  const exprs = fields.map((f) => { const ps = jsonPaths(f).map(slot); return clean(ps.length > 1 ? `coalesce(${ps.join(', ')})` : (ps[0] ?? 'NULL')); });
  const before = Number((await db.runAndReadAll(`SELECT count(*) AS n FROM ${req.table}`)).getRowObjectsJson()[0]?.n ?? 0);
  await db.run(`INSERT INTO ${req.table} SELECT ${[String(ctx.pos), sqlString(target.shown), 'line', 'record', ...exprs].join(', ')}
    FROM (SELECT record, line, json_extract_string(raw, [${flat.map(sqlString).join(', ')}]::VARCHAR[]) AS v FROM ${docs})`);
  const columns = Object.keys(req.fields);
  const filled = columns.length === 0 ? {} : (await db.runAndReadAll(`SELECT ${columns.map((c) => `count(${c}) AS ${c}`).join(', ')} FROM ${req.table} WHERE pos = ${ctx.pos}`)).getRowObjectsJson()[0] ?? {};
  // A field without any value may still be present (null or empty everywhere): only then is the slower existence scan needed.
  for (const [i, field] of fields.entries()) {
    if (Number(filled[columns[i] ?? ''] ?? 0) > 0) continue;
    const exists = (await db.runAndReadAll(`SELECT bool_or(${jsonPaths(field).map((p) => `json_exists(raw, ${sqlString(p)})`).join(' OR ')}) AS e FROM ${docs}`)).getRowObjectsJson()[0]?.e;
    if (exists !== true) missingField(ctx, field, await keysNear(db, field, docs), 'field');
  }
  const n = Number((await db.runAndReadAll(`SELECT count(*) AS n FROM ${req.table}`)).getRowObjectsJson()[0]?.n ?? 0) - before;
  ctx.loaded.files.push({ file: target.shown, format, records: n });
}

async function loadOne(ctx: FileContext): Promise<void> {
  const format = formatOf(ctx.target.abs);
  let gzip: boolean | undefined;
  const isGz = async () => (gzip ??= await isGzip(ctx.target.abs));
  const problem = await fileProblem(ctx.target.abs, format);
  if (problem !== undefined || format === undefined) return ctx.problems.add(`${ctx.target.shown}: ${problem ?? 'unknown format'}`);
  try {
    if (format === 'csv' || format === 'tsv') await loadCsv(ctx, format, await isGz());
    else await loadDocs(ctx, format, format === 'parquet' ? false : await isGz());
  } catch (err) {
    ctx.problems.add(`${ctx.target.shown}: DuckDB could not read it: ${firstLine(err).replace(/CSV Error on Line: \d+ ?/g, '')}`);
  } finally {
    for (const t of ['golive_csv', 'golive_csv_rejects', 'golive_csv_scans', 'golive_steps', 'golive_stage', 'golive_docs', 'lines', 'line_rejects']) await ctx.db.run(`DROP TABLE IF EXISTS ${t}`);
  }
}

/**
 * Loads every file the patterns name into `req.table`. Throws a UsageError (exit 2) naming every
 * file that cannot be read and every field a file lacks (with the columns it has); malformed
 * records inside a readable file are counted and listed instead, and the rest is read.
 */
export async function loadRecords(db: DuckDBConnection, req: LoadRequest): Promise<LoadedRecords> {
  for (const field of Object.values(req.fields)) {
    if (field.includes('"')) throw new UsageError(`field ${field}: a field name with a double quote cannot be read`, { hint: req.fieldHint });
  }
  const columns = Object.keys(req.fields).map((c) => `${c} VARCHAR`).join(', ');
  await db.run(`CREATE OR REPLACE TABLE ${req.table} (pos INTEGER, file VARCHAR, line BIGINT, record BIGINT${columns ? `, ${columns}` : ''})`);
  const problems = new Problems();
  const loaded: LoadedRecords = { files: [], rows: 0, badCount: 0, bad: [] };
  const targets = await expand(db, req.patterns, req.base, problems);
  for (const [pos, target] of targets.entries()) await loadOne({ db, req, pos, target, problems, loaded });
  if (problems.list.length > 0) {
    throw new UsageError(`cannot read the ${req.label}:\n  ${problems.list.join('\n  ')}`, {
      hint: problems.fieldMissing ? req.fieldHint : 'golive reads CSV and TSV (with a header line), NDJSON/JSONL, JSON arrays and Parquet, optionally gzipped; a path or a glob',
    });
  }
  loaded.rows = Number((await db.runAndReadAll(`SELECT count(*) AS n FROM ${req.table}`)).getRowObjectsJson()[0]?.n ?? 0);
  return loaded;
}
