import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EVENT_RULES, type EventRule } from './event-rules.js';
import type { RuleResult, RuleRun } from './event-rules-sql.js';
import { isGzip } from './gzip.js';
import { nativeCovers, nativeEngine, validateEventsNative } from './native.js';
import { DEFAULT_MAX_LINE_BYTES, INVALID_REASON_SQL, clearScratch, duckDbProblem, fileScanSource, physicalLine, physicalLineCount, readPlan, rejectedLines, takeRejects, unreadableFile, type FileRead } from './read.js';

/** The DuckDB engine's SQL compiler, loaded only when that engine runs (the native one never loads DuckDB). */
type Sql = typeof import('./event-rules-sql.js');

export interface ValidateOptions {
  languages?: readonly string[];
  currencies?: readonly string[];
  pointsOfSale?: readonly string[];
  /** Identity rule providers, in priority order (case-sensitive); empty = not checked. */
  identityRules?: readonly string[];
  /** Declared custom event types; empty = any type not reserved. */
  customEvents?: readonly string[];
  /** Points of sale with their declared channel (events/pos-channel); empty = not checked. */
  posChannels?: readonly { name: string; channel: string }[];
  /** Declared extension keys and minimum fill rates (events/ext-fill-rate, one result each). */
  extensions?: readonly { name: string; minFillRate?: number }[];
  /** Examples kept per rule. Default 5. */
  examples?: number;
  /** Invalid lines listed (all are counted). Default 1000. */
  maxInvalidLines?: number;
  maxLineBytes?: number;
  /** DuckDB worker threads. Default 2. */
  threads?: number;
  /**
   * DuckDB memory limit (e.g. '1GB'). Default 512MB: a scan stages a narrow row per line (tens of
   * bytes, not the line) and DuckDB spills what does not fit to a temporary directory under the OS temp dir.
   * Measured on a 5.4 GB export (21 M lines): 512MB gives a process peak of 885-939 MiB in 66 s; 768MB
   * gave 1,306-1,432 MiB in 68-82 s (and 640MB 1,315 MiB), so the smaller limit costs no time here.
   * On 10 M lines (2.5 GB): 512MB 919 MiB in 30.5 s, 768MB 1,245 MiB in 29.3 s.
   */
  memoryLimit?: string;
  rules?: readonly EventRule[];
  /**
   * Which engine judges the events: `native` (native/events, C++ on all threads; needs the built
   * addon), `duckdb` (the rules' SQL), or `auto` (default): native when it is built and knows every
   * rule, else DuckDB. Both give the same results (src/data/native.test.ts).
   */
  engine?: EventEngine;
}

export type EventEngine = 'auto' | 'native' | 'duckdb';

export interface InvalidLine {
  file: string;
  line: number;
  reason: string;
}

export interface ValidationResult {
  files: FileRead[];
  /** Physical lines in the files that could be read. */
  lines: number;
  validLines: number;
  invalidLineCount: number;
  /** The first maxInvalidLines invalid lines, by file order then line. */
  invalidLines: InvalidLine[];
  rules: RuleResult[];
}

const INVALID_SQL = `WITH bad AS (
    SELECT file, line, ${INVALID_REASON_SQL} AS reason
    FROM lines WHERE NOT valid
    UNION ALL SELECT file, line, reason FROM line_rejects)
  SELECT bad.file, bad.line, bad.reason FROM bad JOIN order_of_files o USING (file)
  ORDER BY o.pos, bad.line LIMIT $limit`;

/** Lines of the `lines` table that are JSON objects. */
export async function countValidLines(db: DuckDBConnection): Promise<number> {
  const row = (await db.runAndReadAll('SELECT count(*) FROM lines WHERE valid')).getRowObjectsJson()[0] ?? {};
  return Number(Object.values(row)[0] ?? 0);
}

/** The first `limit` lines that are not JSON objects or were rejected, in file order then line, each with its reason. */
export async function invalidLines(db: DuckDBConnection, files: FileRead[], limit: number): Promise<InvalidLine[]> {
  await db.run('CREATE OR REPLACE TEMP TABLE order_of_files (file VARCHAR, pos INTEGER)');
  for (const [pos, f] of files.entries()) {
    await db.run('INSERT INTO order_of_files VALUES ($file, $pos)', { file: f.file, pos });
  }
  const rows = (await db.runAndReadAll(INVALID_SQL, { limit })).getRowObjectsJson();
  return rows.map((r) => ({ file: String(r.file), line: Number(r.line), reason: String(r.reason) }));
}

/** The native engine when `engine` picks it; throws when `native` is asked for and cannot run. */
function pickNative(engine: EventEngine, rules: readonly EventRule[]): ReturnType<typeof nativeEngine>['module'] {
  if (engine === 'duckdb') return undefined;
  const { module, problem } = nativeEngine();
  const covered = module !== undefined && nativeCovers(module, rules);
  if (engine === 'native' && module === undefined) throw new Error(`the native event engine cannot run: ${problem ?? 'not built'}`);
  if (engine === 'native' && !covered) throw new Error('the native event engine does not know every rule asked for; use the duckdb engine');
  return covered ? module : undefined;
}

interface Scanned { read: FileRead; valid: number; where: (k: number) => number; invalid: InvalidLine[] }

/** One pass over one file: every rule, the broken lines and the rejected ones (invalid UTF-8, too long). */
async function scanFile(db: DuckDBConnection, { scanPass }: Sql, run: RuleRun, file: string, f: number, maxLineBytes: number): Promise<Scanned> {
  const none = { valid: 0, where: (k: number) => k, invalid: [] };
  const problem = await unreadableFile(file);
  if (problem !== undefined) return { read: { file, lines: 0, error: problem }, ...none };
  try {
    await clearScratch(db);
    const gzip = await isGzip(file);
    const plan = await readPlan(file, gzip, maxLineBytes);
    // The staged pass reads the lines unnumbered (a row_number() window would hold the scan to one
    // thread) and numbers them afterwards; the numbered scan is its fallback. A gzipped file's parallel
    // read that lost a line (see physicalLineCount) is refused and the file is read again on one thread.
    const lost = async (rows: number) => rows + (await rejectedLines(db)) !== await physicalLineCount(db, file, gzip, plan.maxLineBytes);
    const pass = async (parallel: boolean) => scanPass(db, run, fileScanSource(file, gzip, plan.maxLineBytes, f, true, parallel),
      { f, source: fileScanSource(file, gzip, plan.maxLineBytes, f, false, parallel) },
      parallel && gzip ? async (rows) => !(await lost(rows)) : undefined);
    let done = await pass(plan.parallel);
    if (done === undefined) {
      await clearScratch(db);
      done = await pass(false);
    }
    if (done === undefined) throw new Error('the read on one thread was refused');
    const rejects = await takeRejects(db);
    const where = physicalLine(rejects.map((r) => r.line));
    const invalid = [...done.invalid.map((l) => ({ file, line: where(l.k), reason: l.reason })), ...rejects.map((r) => ({ file, ...r }))];
    return { read: { file, lines: done.lines + rejects.length }, valid: done.validLines, where, invalid: invalid.sort((a, b) => a.line - b.line) };
  } catch (err) {
    // The pass runs as one statement: a failed file added nothing to the counts.
    await clearScratch(db);
    return { read: { file, lines: 0, error: duckDbProblem(err) }, ...none };
  }
}

/**
 * Validates event exports (NDJSON, optionally gzipped) in ONE parallel scan per file: every line is
 * accounted for (valid, invalid with a reason, or part of a file-level error in `files`), and every
 * rule runs over the valid lines as they are read; no line is stored, only a narrow row per line
 * (see scanPass). Cross-event rules keep a few columns of the events they need. Bad data is reported, never thrown; DuckDB is closed before returning.
 */
export async function validateEvents(paths: string[], options: ValidateOptions = {}): Promise<ValidationResult> {
  const params = {
    languages: options.languages ?? [], currencies: options.currencies ?? [], pointsOfSale: options.pointsOfSale ?? [],
    identityRules: options.identityRules ?? [], customEvents: options.customEvents ?? [],
    posChannels: options.posChannels ?? [], extensions: options.extensions ?? [],
  };
  const native = pickNative(options.engine ?? 'auto', options.rules ?? EVENT_RULES);
  if (native !== undefined) return validateEventsNative(native, paths, options, params);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const sql = await import('./event-rules-sql.js');
  const spill = mkdtempSync(join(tmpdir(), 'golive-duckdb-'));
  const instance = await DuckDBInstance.create(':memory:', {
    threads: String(options.threads ?? 2), memory_limit: options.memoryLimit ?? '512MB', temp_directory: spill,
  });
  const db = await instance.connect();
  try {
    // Keep IN lists as expressions: as joins they may reorder the staged rows (see scanPass).
    await db.run("SET disabled_optimizers = 'in_clause'");
    const examples = options.examples ?? 5;
    const maxInvalid = options.maxInvalidLines ?? 1000;
    const run = await sql.startRules(db, options.rules ?? EVENT_RULES, params, examples, maxInvalid);
    // A path given twice would count its lines twice.
    const unique = [...new Set(paths)];
    const scanned: Scanned[] = [];
    for (const [f, file] of unique.entries()) scanned.push(await scanFile(db, sql, run, file, f, options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES));
    const rules = await sql.finishRules(db, run, (p) => ({ file: unique[p.f] ?? '', line: scanned[p.f]?.where(p.k) ?? p.k }), examples);
    const files = scanned.map((s) => s.read);
    const lines = files.reduce((sum, f) => sum + f.lines, 0);
    const validLines = scanned.reduce((sum, s) => sum + s.valid, 0);
    return { files, lines, validLines, invalidLineCount: lines - validLines, invalidLines: scanned.flatMap((s) => s.invalid).slice(0, maxInvalid), rules };
  } finally {
    db.closeSync();
    instance.closeSync();
    rmSync(spill, { recursive: true, force: true });
  }
}
