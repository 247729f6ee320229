import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { EVENT_RULES, type EventRule } from './event-rules.js';
import { runEventRules, type RuleResult } from './event-rules-sql.js';
import { readLines, type FileRead } from './read.js';

export interface ValidateOptions {
  languages?: readonly string[];
  currencies?: readonly string[];
  pointsOfSale?: readonly string[];
  /** Identity rule providers, in priority order (case-sensitive); empty = not checked. */
  identityRules?: readonly string[];
  /** Declared custom event types; empty = any type not reserved. */
  customEvents?: readonly string[];
  /** Examples kept per rule. Default 5. */
  examples?: number;
  /** Invalid lines listed (all are counted). Default 1000. */
  maxInvalidLines?: number;
  maxLineBytes?: number;
  /** DuckDB worker threads. Default 2. */
  threads?: number;
  rules?: readonly EventRule[];
}

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
    SELECT file, line, CASE WHEN raw IS NULL OR trim(raw) = '' THEN 'empty line'
      WHEN json_valid(raw) THEN 'valid JSON but not an object' ELSE 'not valid JSON' END AS reason
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

/**
 * Validates event exports (NDJSON, optionally gzipped): every line is accounted for (valid,
 * invalid with a reason, or part of a file-level error in `files`), then every rule runs over
 * the valid lines in one scan. Bad data is reported, never thrown; the DuckDB instance is
 * closed before returning.
 */
export async function validateEvents(paths: string[], options: ValidateOptions = {}): Promise<ValidationResult> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(options.threads ?? 2) });
  const db = await instance.connect();
  try {
    const files = await readLines(db, paths, options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes });
    const lines = files.reduce((sum, f) => sum + f.lines, 0);
    const validLines = await countValidLines(db);
    const rules = await runEventRules(db, options.rules ?? EVENT_RULES, {
      languages: options.languages ?? [], currencies: options.currencies ?? [], pointsOfSale: options.pointsOfSale ?? [],
      identityRules: options.identityRules ?? [], customEvents: options.customEvents ?? [],
    }, options.examples ?? 5);
    return {
      files, lines, validLines, invalidLineCount: lines - validLines,
      invalidLines: await invalidLines(db, files, options.maxInvalidLines ?? 1000),
      rules,
    };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
