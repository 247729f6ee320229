import { stat } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { gzipProblem, isGzip } from './gzip.js';

/** What happened to one input file. `error` set means the file was not read at all. */
export interface FileRead {
  file: string;
  /** Physical lines seen (valid, invalid and rejected ones). */
  lines: number;
  error?: string;
}

export interface ReadOptions {
  /** Lines longer than this are reported, not read. Default 64 MiB. */
  maxLineBytes?: number;
}

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

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
 * One row per physical line: no delimiter (0x1F never occurs in valid JSON text), no quote,
 * no escape, no header, no sniffing. strict_mode=false lets CRLF and LF files (and mixed ones)
 * through; blank lines come back as NULL rows, so numbering stays physical. Lines DuckDB refuses
 * (invalid UTF-8, too long) go to a rejects table with their true line number.
 */
function scanSql(path: string, gzip: boolean, maxLineBytes: number): string {
  const options = [
    "columns={'raw':'VARCHAR'}", `delim=${sqlString('\u001f')}`, "quote=''", "escape=''",
    'header=false', 'auto_detect=false', 'strict_mode=false', `compression=${gzip ? "'gzip'" : "'none'"}`,
    'store_rejects=true', "rejects_table='golive_rejects'", "rejects_scan='golive_scans'",
    `max_line_size=${maxLineBytes}`,
  ];
  return `CREATE OR REPLACE TEMP TABLE golive_stage AS SELECT raw FROM read_csv(${sqlString(path)}, ${options.join(', ')})`;
}

/** A line is valid when it is a JSON object (json_valid alone also accepts `[1]` or `42`). */
function validSql(raw: string): string {
  return `coalesce(CASE WHEN json_valid(${raw}) THEN json_type(${raw}::JSON) = 'OBJECT' ELSE false END, false)`;
}

async function dropScratch(db: DuckDBConnection): Promise<void> {
  for (const table of ['golive_stage', 'golive_rejects', 'golive_scans', 'golive_gaps']) {
    await db.run(`DROP TABLE IF EXISTS ${table}`);
  }
}

/**
 * The k-th row DuckDB returned sits on line k + (rejected lines before it). With rejected
 * lines r_1 < r_2 < ..., row k is after reject j exactly when r_j - j < k, and r_j - j never
 * decreases, so an ASOF join on d = r_j - j finds the count without a per-row subquery.
 */
async function numberLines(db: DuckDBConnection, file: string): Promise<number> {
  const reasons = Object.entries(REJECT_REASONS).map(([k, v]) => `WHEN ${sqlString(k)} THEN ${sqlString(v)}`).join(' ');
  await db.run(`INSERT INTO line_rejects SELECT ${sqlString(file)}, line,
    CASE error_type ${reasons} ELSE lower(error_type::VARCHAR) END FROM golive_rejects`);
  await db.run(`CREATE OR REPLACE TEMP TABLE golive_gaps AS
    SELECT d, max(j) AS j FROM (SELECT line - row_number() OVER (ORDER BY line) AS d,
      row_number() OVER (ORDER BY line) AS j FROM golive_rejects) GROUP BY d`);
  await db.run(`INSERT INTO lines
    SELECT ${sqlString(file)}, s.k + coalesce(g.j, 0), s.raw, ${validSql('s.raw')}
    FROM (SELECT row_number() OVER (ORDER BY rowid) AS k, rtrim(raw, chr(13)) AS raw FROM golive_stage) s
    ASOF LEFT JOIN golive_gaps g ON s.k > g.d`);
  const counted = await db.runAndReadAll(
    'SELECT (SELECT count(*) FROM golive_stage) + (SELECT count(*) FROM golive_rejects) AS n');
  return Number(counted.getRowObjectsJson()[0]?.n ?? 0);
}

function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0] ?? message;
}

async function fileProblem(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return 'not a regular file';
  } catch (err) {
    return `cannot read the file: ${firstLine(err)}`;
  }
  return (await isGzip(path)) ? gzipProblem(path) : undefined;
}

async function readOne(db: DuckDBConnection, file: string, maxLineBytes: number): Promise<FileRead> {
  const problem = await fileProblem(file);
  if (problem !== undefined) return { file, lines: 0, error: problem };
  try {
    await dropScratch(db);
    await db.run(scanSql(file, await isGzip(file), maxLineBytes));
    return { file, lines: await numberLines(db, file) };
  } catch (err) {
    await db.run(`DELETE FROM lines WHERE file = ${sqlString(file)}`);
    await db.run(`DELETE FROM line_rejects WHERE file = ${sqlString(file)}`);
    return { file, lines: 0, error: `DuckDB could not read the file: ${firstLine(err)}` };
  } finally {
    await dropScratch(db);
  }
}

/**
 * Builds `lines(file, line, raw, valid)` (valid = a JSON object) and
 * `line_rejects(file, line, reason)` (lines DuckDB refused) from the files, one by one so
 * that one bad file never stops the others. Line numbers are 1-based per file.
 */
export async function readLines(db: DuckDBConnection, paths: string[], options: ReadOptions = {}): Promise<FileRead[]> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  await db.run('CREATE OR REPLACE TABLE lines (file VARCHAR, line BIGINT, raw VARCHAR, valid BOOLEAN)');
  await db.run('CREATE OR REPLACE TABLE line_rejects (file VARCHAR, line BIGINT, reason VARCHAR)');
  const files: FileRead[] = [];
  // A path given twice would count its lines twice.
  for (const path of new Set(paths)) files.push(await readOne(db, path, maxLineBytes));
  return files;
}
