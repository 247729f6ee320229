import { open, stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { gzipProblem, isGzip } from './gzip.js';

/** What happened to one input file. `error` set means the file was not read at all. */
export interface FileRead {
  file: string;
  /** Physical lines seen (valid, invalid and rejected ones). */
  lines: number;
  error?: string;
}

/**
 * A column computed once per line while reading: `sql` may use `raw` (the line as read: a CRLF file's
 * lines end in CR, which JSON functions skip as white space) and `valid`. Guard JSON functions with
 * `valid` on their input (`json_extract(CASE WHEN valid THEN raw END, ...)`), not around a LIST
 * result: DuckDB's CASE copies nested values slowly.
 */
export interface LineColumn {
  name: string;
  type: string;
  sql: string;
}

export interface ReadOptions {
  /** Lines longer than this are reported, not read. Default 32 MiB (DEFAULT_MAX_LINE_BYTES). */
  maxLineBytes?: number;
  /** Extra columns of `lines`, computed in the reading pass (e.g. a JSON field), so no second parse is needed. */
  columns?: readonly LineColumn[];
  /**
   * Keep `raw` of valid lines (default true). false keeps it for invalid lines only (their reason needs it):
   * when `columns` hold all a caller needs, the table then stays a fraction of the file's size.
   */
  keepValidRaw?: boolean;
  /**
   * Leave each file's rows in a table of its own and make `lines` a view over them (default false):
   * no copy of every row into one table, which for millions of lines costs seconds. Drop them with
   * dropLines. A file with rejected lines is still copied once (its numbering needs a join).
   */
  inPlace?: boolean;
}

interface Scan {
  maxLineBytes: number;
  columns: readonly LineColumn[];
  keepValidRaw: boolean;
  inPlace: boolean;
}

/**
 * Lines longer than this are reported as too long, not read: 32 MiB holds any event or batch record.
 * DuckDB reads a file on its threads in parts of the maximum line size but at least 32 MiB (measured),
 * so a lower maximum would not read small files on more threads, and a higher one would read files
 * of up to twice its size on one thread (64 MiB: a 64 MB file took 1.59 s against 0.96 s).
 */
export const DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;

/** The smallest part DuckDB reads on a thread (measured on DuckDB 1.5 with golive's buffer sizes). */
const MIN_PART_BYTES = 32 * 1024 * 1024;

/**
 * DuckDB's read buffer for a maximum line size: 128 MiB up to a 32 MiB maximum, then twice the
 * maximum plus 64 MiB, so that a maximum a few KiB larger also moves the buffers' starts (see
 * readPlan). Without it DuckDB buffers 16 lines of the maximum size (1 GiB at 64 MiB) and a file
 * splits into few buffers: reading 10 M events for data identities took 6.3 s against 4.0 s. The
 * buffer must exceed the maximum, and a line longer than the buffer itself is skipped without a
 * reject (DuckDB 1.5: a 10 MB line, a 1 MiB maximum and a 10 MiB buffer), so at the default only a
 * line over 128 MiB goes unreported.
 */
export function bufferBytes(maxLineBytes: number): number {
  return maxLineBytes <= MIN_PART_BYTES ? 128 * 1024 * 1024 : 2 * maxLineBytes + 64 * 1024 * 1024;
}

/**
 * Line ends, declared rather than sniffed (DuckDB 1.5, measured): sniffed from a file whose first
 * line ends in LF, a later CRLF line came back as the line plus an empty row, so every line after it
 * was numbered one too high and reported a blank line that is not there. Declared CRLF, both CRLF and
 * LF end a line, and so does a CR alone (an old Mac line end).
 */
const NEW_LINE = "new_line='\\r\\n'";

/** A SQL string literal. DuckDB strings have no backslash escapes; only quotes are doubled. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

const REJECT_REASONS: Record<string, string> = {
  'INVALID ENCODING': 'invalid UTF-8',
  'LINE SIZE OVER MAXIMUM': 'line longer than the maximum line size',
  'TOO MANY COLUMNS': 'raw control character 0x1F in the line',
};

/**
 * One row per physical line, read as readCsvSql reads it (blank lines come back as NULL rows, so
 * numbering stays physical; lines DuckDB refuses go to golive_rejects with their true line number).
 * Validity and the extra columns are computed here, in DuckDB's parallel scan; the stage keeps the
 * file's order (insertion order is preserved), so its rowid numbers the rows without a sort.
 */
function scanSql(path: string, gzip: boolean, scan: Scan, table = 'golive_stage', parallel = true): string {
  const raw = scan.keepValidRaw ? 'raw' : 'CASE WHEN valid THEN NULL ELSE raw END AS raw';
  const extra = scan.columns.map((c) => `, ${c.sql} AS ${c.name}`).join('');
  return `CREATE OR REPLACE TEMP TABLE ${table} AS SELECT ${raw}, valid${extra}
    FROM (SELECT raw, ${validSql('raw')} AS valid FROM ${readCsvSql(path, gzip, scan.maxLineBytes, parallel)})`;
}

/** A line is valid when it is a JSON object (json_valid alone also accepts `[1]` or `42`); one parse, see validJsonObjectSql. */
function validSql(raw: string): string {
  return validJsonObjectSql(raw);
}

async function dropScratch(db: DuckDBConnection): Promise<void> {
  for (const table of ['golive_stage', 'golive_rejects', 'golive_scans', 'golive_gaps']) {
    await db.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

/**
 * The k-th row DuckDB returned (k = rowid + 1 in the stage) sits on line k + (rejected lines
 * before it). With rejected lines r_1 < r_2 < ..., row k is after reject j exactly when
 * r_j - j < k, and r_j - j never decreases, so an ASOF join on d = r_j - j finds the count
 * without a per-row subquery; files without rejected lines (the usual case) skip the join.
 */
async function numberLines(db: DuckDBConnection, file: string, scan: Scan, stage = 'golive_stage'): Promise<{ lines: number; part?: string }> {
  const reasons = Object.entries(REJECT_REASONS).map(([k, v]) => `WHEN ${sqlString(k)} THEN ${sqlString(v)}`).join(' ');
  const rejected = Number((await db.run(`INSERT INTO line_rejects SELECT ${sqlString(file)}, line,
    CASE error_type ${reasons} ELSE lower(error_type::VARCHAR) END FROM golive_rejects`)).rowsChanged);
  const extra = scan.columns.map((c) => `, s.${c.name}`).join('');
  const select = `SELECT ${sqlString(file)} AS file, s.rowid + 1 + ${rejected > 0 ? 'coalesce(g.j, 0)' : '0'} AS line, s.raw, s.valid${extra} FROM ${stage} s`;
  if (scan.inPlace && rejected === 0) {
    // The stage is the file's part of `lines`: its rowid numbers the lines, nothing is copied.
    return { lines: await countRows(db, stage), part: select };
  }
  if (rejected > 0) {
    await db.run(`CREATE OR REPLACE TEMP TABLE golive_gaps AS
      SELECT d, max(j) AS j FROM (SELECT line - row_number() OVER (ORDER BY line) AS d,
        row_number() OVER (ORDER BY line) AS j FROM golive_rejects) GROUP BY d`);
  }
  const numbered = `${select}${rejected > 0 ? ' ASOF LEFT JOIN golive_gaps g ON s.rowid + 1 > g.d' : ''}`;
  if (scan.inPlace) {
    const copy = `${stage}_numbered`;
    await db.run(`CREATE OR REPLACE TEMP TABLE ${copy} AS ${numbered}`);
    await db.run(`DROP TABLE ${stage}`);
    return { lines: (await countRows(db, copy)) + rejected, part: `SELECT * FROM ${copy}` };
  }
  const inserted = await db.run(`INSERT INTO lines ${numbered}`);
  return { lines: Number(inserted.rowsChanged) + rejected };
}

async function countRows(db: DuckDBConnection, table: string): Promise<number> {
  const row = (await db.runAndReadAll(`SELECT count(*) AS n FROM ${table}`)).getRowObjectsJson()[0];
  return Number(row?.n ?? 0);
}

/** Drops `lines` (a table, or the view readLines with inPlace makes) and the per-file tables behind the view. */
export async function dropLines(db: DuckDBConnection): Promise<void> {
  const found = (await db.runAndReadAll(`SELECT 'VIEW' AS kind, view_name AS name FROM duckdb_views() WHERE NOT internal AND (view_name = 'lines')
    UNION ALL SELECT 'TABLE', table_name FROM duckdb_tables() WHERE table_name = 'lines' OR starts_with(table_name, 'golive_lines_')`)).getRowObjectsJson();
  for (const r of found) await db.run(`DROP ${String(r.kind)} IF EXISTS ${String(r.name)}`);
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? message;
}

/** Why a path cannot be opened as a file (missing, unreadable, not a regular file), or undefined. */
export async function fileAccessProblem(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? undefined : 'not a regular file';
  } catch (err) {
    return `cannot read the file: ${firstLine(err)}`;
  }
}

async function fileProblem(path: string): Promise<string | undefined> {
  return (await fileAccessProblem(path)) ?? ((await isGzip(path)) ? gzipProblem(path) : undefined);
}

async function readOne(db: DuckDBConnection, file: string, scan: Scan, stage: string): Promise<{ read: FileRead; part?: string }> {
  const problem = await fileProblem(file);
  if (problem !== undefined) return { read: { file, lines: 0, error: problem } };
  const forget = async () => {
    if (scan.inPlace) {
      await db.run(`DROP TABLE IF EXISTS ${stage}`);
      await db.run(`DROP TABLE IF EXISTS ${stage}_numbered`);
    } else {
      await db.run(`DELETE FROM lines WHERE file = ${sqlString(file)}`);
    }
    await db.run(`DELETE FROM line_rejects WHERE file = ${sqlString(file)}`);
  };
  try {
    const gzip = await isGzip(file);
    const plan = await readPlan(file, gzip, scan.maxLineBytes);
    const planned = { ...scan, maxLineBytes: plan.maxLineBytes };
    const read = async (parallel: boolean) => {
      await dropScratch(db);
      await db.run(scanSql(file, gzip, planned, stage, parallel));
      return numberLines(db, file, planned, stage);
    };
    let numbered = await read(plan.parallel);
    if (plan.parallel && gzip && numbered.lines !== await physicalLineCount(db, file, gzip, plan.maxLineBytes)) {
      // The parallel read lost a line (see physicalLineCount): read the file again on one thread.
      await forget();
      numbered = await read(false);
    }
    return { read: { file, lines: numbered.lines }, part: numbered.part };
  } catch (err) {
    await forget();
    return { read: { file, lines: 0, error: duckDbProblem(err) } };
  } finally {
    await dropScratch(db);
  }
}

/**
 * Builds `lines(file, line, raw, valid, ...columns)` (valid = a JSON object) and
 * `line_rejects(file, line, reason)` (lines DuckDB refused) from the files, one by one so
 * that one bad file never stops the others. Line numbers are 1-based per file.
 */
export async function readLines(db: DuckDBConnection, paths: string[], options: ReadOptions = {}): Promise<FileRead[]> {
  const scan: Scan = {
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, columns: options.columns ?? [],
    keepValidRaw: options.keepValidRaw ?? true, inPlace: options.inPlace ?? false,
  };
  const extra = scan.columns.map((c) => `, ${c.name} ${c.type}`).join('');
  await dropLines(db);
  if (!scan.inPlace) await db.run(`CREATE TABLE lines (file VARCHAR, line BIGINT, raw VARCHAR, valid BOOLEAN${extra})`);
  await db.run('CREATE OR REPLACE TABLE line_rejects (file VARCHAR, line BIGINT, reason VARCHAR)');
  const files: FileRead[] = [];
  const parts: string[] = [];
  // A path given twice would count its lines twice.
  for (const path of new Set(paths)) {
    const { read, part } = await readOne(db, path, scan, scan.inPlace ? `golive_lines_${files.length}` : 'golive_stage');
    files.push(read);
    if (part !== undefined) parts.push(part);
  }
  if (scan.inPlace) {
    const empty = `SELECT NULL::VARCHAR AS file, NULL::BIGINT AS line, NULL::VARCHAR AS raw, NULL::BOOLEAN AS valid${scan.columns.map((c) => `, NULL::${c.type} AS ${c.name}`).join('')} WHERE false`;
    await db.run(`CREATE TEMP VIEW lines AS ${[empty, ...parts].join(' UNION ALL ')}`);
  }
  return files;
}

/**
 * The `read_csv` call every line reader shares: one row per physical line, with no delimiter (0x1F
 * never occurs in valid JSON text), no quote, no escape, no header and no sniffing. Line ends are
 * declared (NEW_LINE), so no CR reaches `raw`; strict_mode=false lets LF, CRLF and mixed files through.
 * The buffer is set (bufferBytes); the rejects go to `<rejects>_rejects` and `<rejects>_scans`.
 */
function readCsvSql(path: string, gzip: boolean, maxLineBytes: number, parallel = true, rejects = 'golive'): string {
  const options = [
    "columns={'raw':'VARCHAR'}", `delim=${sqlString('\u001f')}`, "quote=''", "escape=''",
    'header=false', 'auto_detect=false', 'strict_mode=false', NEW_LINE, ...(parallel ? [] : ['parallel=false']),
    `compression=${gzip ? "'gzip'" : "'none'"}`,
    'store_rejects=true', `rejects_table='${rejects}_rejects'`, `rejects_scan='${rejects}_scans'`,
    `max_line_size=${maxLineBytes}`, `buffer_size=${bufferBytes(maxLineBytes)}`,
  ];
  return `read_csv(${sqlString(path)}, ${options.join(', ')})`;
}

/**
 * The lines of one file as rows (f, k, raw) without storing them: k numbers the rows DuckDB returns
 * in file order (a streaming row_number() OVER (), which keeps the scan's order).
 * Rejected lines (golive_rejects) are not rows: physicalLine() turns k into the line number.
 */
export function fileScanSource(path: string, gzip: boolean, maxLineBytes: number, f: number, numbered = true, parallel = true): string {
  // Unnumbered (k NULL), the scan can run in parallel; the caller numbers rows another way (see validate.ts).
  return `SELECT CAST(${f} AS INTEGER) AS f, ${numbered ? 'row_number() OVER ()' : 'NULL'} AS k, raw FROM ${readCsvSql(path, gzip, maxLineBytes, parallel)}`;
}

/** How to read a file so that no line is lost: the maximum line size DuckDB gets, and whether to use threads. */
export interface ReadPlan { maxLineBytes: number; parallel: boolean }

/**
 * A read plan that keeps DuckDB's parallel parts clear of the line it would drop (see
 * physicalLineCount). DuckDB reads a file in buffers (bufferBytes) from the file's start and splits
 * each buffer into parts of max(maximum line size, 32 MiB) from the buffer's start. A part whose first
 * byte is an LF not preceded by CR loses the next line, and one that starts between the CR and LF of
 * a line end numbers every later rejected line one too high (this model predicted every loss and
 * shift measured on the 5.4 GB bench export and on a file with an LF on every boundary). For an
 * uncompressed file the byte before each part start and its first byte are read; when either is a
 * CR or LF, a maximum a few KiB larger (and with it the buffer) moves every start (lines up to that
 * much longer are then read rather than reported), and when no nearby size is clear, or the maximum
 * is under 32 MiB, the file is read on one thread. A gzipped file cannot be looked into at an
 * offset: it relies on the count.
 */
export async function readPlan(path: string, gzip: boolean, maxLineBytes: number): Promise<ReadPlan> {
  if (gzip) return { maxLineBytes, parallel: true };
  const size = (await stat(path)).size;
  const handle = await open(path, 'r');
  try {
    const pair = Buffer.alloc(2);
    const clear = async (max: number): Promise<boolean> => {
      const [buffer, part] = [bufferBytes(max), Math.max(max, MIN_PART_BYTES)];
      for (let start = 0; start < size; start += buffer) {
        for (let at = start === 0 ? part : start; at < Math.min(start + buffer, size); at += part) {
          await handle.read(pair, 0, 2, at - 1);
          // An LF there loses a line; a CRLF split there numbers every later rejected line one too high.
          if (pair.some((byte) => byte === 0x0a || byte === 0x0d)) return false;
        }
      }
      return true;
    };
    if (await clear(maxLineBytes)) return { maxLineBytes, parallel: true };
    if (maxLineBytes >= MIN_PART_BYTES) {
      // Steps of a prime number of bytes: part starts move by different amounts at every multiple.
      for (let step = 1; step <= 64; step++) {
        const max = maxLineBytes + step * 4099;
        if (await clear(max)) return { maxLineBytes: max, parallel: true };
      }
    }
    return { maxLineBytes, parallel: false };
  } finally {
    await handle.close();
  }
}

/**
 * The physical lines of a file as DuckDB counts them reading on ONE thread (rows plus rejected
 * lines). DuckDB 1.5 reads a file on several threads in parts, and with CRLF declared it drops,
 * without a reject, the line after an LF that falls exactly on a part's first byte (measured: one
 * line in 21 M on a 5.4 GB export). readPlan keeps an uncompressed file's parts clear of such bytes;
 * a gzipped file cannot be looked into, so its parallel read is checked against this count (a read on
 * one thread has no parts) and read again on one thread when it came out short. Counting costs about
 * as much as decompressing the file once more.
 */
export async function physicalLineCount(db: DuckDBConnection, path: string, gzip: boolean, maxLineBytes: number): Promise<number> {
  try {
    const rows = (await db.runAndReadAll(`SELECT count(*) AS n FROM ${readCsvSql(path, gzip, maxLineBytes, false, 'golive_count')}`)).getRowObjectsJson()[0];
    return Number(rows?.n ?? 0) + await rejectedLines(db, 'golive_count');
  } finally {
    await db.run('DROP TABLE IF EXISTS golive_count_rejects');
    await db.run('DROP TABLE IF EXISTS golive_count_scans');
  }
}

/**
 * A line is valid when it is a JSON object: valid JSON whose first non-blank character is `{` (no second
 * parse). A line that starts with `{` (nearly all) skips the trim, which copies the line.
 */
export function validJsonObjectSql(raw: string): string {
  return `coalesce(CASE WHEN starts_with(${raw}, '{') THEN json_valid(${raw})
    ELSE json_valid(${raw}) AND starts_with(ltrim(${raw}, ' ' || chr(9) || chr(10) || chr(13)), '{') END, false)`;
}

/** Why a line that is not a JSON object is invalid (SQL over `raw`). */
export const INVALID_REASON_SQL = `CASE WHEN raw IS NULL OR trim(raw, ' ' || chr(9) || chr(13)) = '' THEN 'empty line'
  WHEN json_valid(raw) THEN 'valid JSON but not an object' ELSE 'not valid JSON' END`;

/** Sorted rejected line numbers -> the physical line of the k-th returned row (k + rejected lines before it). */
export function physicalLine(rejected: readonly number[]): (k: number) => number {
  // As in numberLines: row k comes after reject j exactly when r_j - j < k, and r_j - j never decreases.
  const d = rejected.map((r, j) => r - (j + 1));
  return (k) => {
    let lo = 0;
    let hi = d.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((d[mid] as number) < k) lo = mid + 1;
      else hi = mid;
    }
    return k + lo;
  };
}

/** True when the last scan left the rejects table `<rejects>_rejects` (DuckDB makes it on the first reject). */
async function hasRejects(db: DuckDBConnection, rejects = 'golive'): Promise<boolean> {
  const found = (await db.runAndReadAll(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '${rejects}_rejects'`)).getRowObjectsJson()[0];
  return Number(found?.n ?? 0) > 0;
}

/** How many lines the last scan rejected into `<rejects>_rejects` (its scratch tables stay). */
export async function rejectedLines(db: DuckDBConnection, rejects = 'golive'): Promise<number> {
  if (!(await hasRejects(db, rejects))) return 0;
  const row = (await db.runAndReadAll(`SELECT count(DISTINCT line) AS n FROM ${rejects}_rejects`)).getRowObjectsJson()[0];
  return Number(row?.n ?? 0);
}

/** The lines the last scan rejected, with their reasons, in line order; the scratch tables are dropped. */
export async function takeRejects(db: DuckDBConnection): Promise<{ line: number; reason: string }[]> {
  if (!(await hasRejects(db))) return [];
  const reasons = Object.entries(REJECT_REASONS).map(([k, v]) => `WHEN ${sqlString(k)} THEN ${sqlString(v)}`).join(' ');
  const rows = (await db.runAndReadAll(`SELECT DISTINCT line, CASE error_type ${reasons} ELSE lower(error_type::VARCHAR) END AS reason
    FROM golive_rejects ORDER BY line`)).getRowObjectsJson();
  await dropScratch(db);
  return rows.map((r) => ({ line: Number(r.line), reason: String(r.reason) }));
}

/** Why a file cannot be scanned at all (missing, not a regular file, truncated gzip), or undefined. */
export const unreadableFile = fileProblem;

export function duckDbProblem(err: unknown): string {
  return `DuckDB could not read the file: ${firstLine(err)}`;
}

/** Drops the scratch tables a scan leaves (rejects), e.g. after a failed scan. */
export const clearScratch = dropScratch;
