import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { batchFileFacts, MAX_BATCH_BYTES, type BatchFileFacts } from './batch-file.js';
import { BATCH_DERIVED, BATCH_RULES, type BatchDerived, type BatchRule } from './batch-rules.js';
import { MAX_VALUE_CHARS, toExamples, type RuleExample, type RuleResult } from './event-rules-sql.js';
import { readLines, type FileRead } from './read.js';
import { countValidLines, invalidLines, type ValidationResult } from './validate.js';

export interface BatchValidateOptions {
  /** "Now" for the date-of-birth check (ISO 8601); the caller's clock, never read here. */
  now: string;
  /** Largest allowed file in bytes. Default 50 MB (the batch API limit). */
  maxBytes?: number;
  /** Examples kept per rule. Default 5. */
  examples?: number;
  /** Invalid lines listed (all are counted). Default 1000. */
  maxInvalidLines?: number;
  threads?: number;
  rules?: readonly BatchRule[];
}

/** A read file plus what the upload step needs; facts are missing when the file could not be opened. */
export type BatchFile = FileRead & Partial<BatchFileFacts>;

export interface BatchValidationResult extends ValidationResult {
  files: BatchFile[];
}

/** ONE query over the valid lines: fields once, derived values LEFT JOINed, per rule two counts and examples. */
export function compileBatchRules(rules: readonly BatchRule[], examples: number): string {
  const derived = Object.keys(BATCH_DERIVED) as BatchDerived[];
  const ctes = derived.map((d) => `d_${d} AS (${BATCH_DERIVED[d]})`).join(',\n    ');
  const joins = derived.map((d) => ` LEFT JOIN d_${d} ON d_${d}.file = f.file AND d_${d}.line = f.line`).join('');
  const flags = rules.flatMap((r, i) => [
    `coalesce(${r.appliesTo ?? 'true'}, false) AS a${i}`,
    `coalesce(${r.appliesTo ?? 'true'}, false) AND coalesce((${r.violation}), true) AS v${i}`,
    `left(CAST((${r.value}) AS VARCHAR), ${MAX_VALUE_CHARS}) AS x${i}`,
  ]);
  const aggregates = rules.flatMap((_r, i) => [
    `count(*) FILTER (WHERE a${i}) AS a${i}`, `count(*) FILTER (WHERE v${i}) AS v${i}`,
    `arg_min({'file': file, 'line': line, 'value': x${i}}, (file, line), ${examples}) FILTER (WHERE v${i}) AS e${i}`,
  ]);
  return `WITH ev AS (SELECT file, line, raw::JSON AS j FROM lines WHERE valid),
    f AS (SELECT file, line, $now::TIMESTAMPTZ AS now, j->>'$.ref' AS ref, j->>'$.schema' AS schema,
      j->>'$.mode' AS mode, j->'$.value' AS value,
      count(*) OVER (PARTITION BY file, j->>'$.ref' ORDER BY line ROWS UNBOUNDED PRECEDING) AS ref_seen FROM ev),
    ${ctes},
    g AS (SELECT f.*${derived.map((d) => `, d_${d}.${d}`).join('')} FROM f${joins}),
    c AS (SELECT file, line, ${flags.join(',\n      ')} FROM g)
  SELECT ${aggregates.join(',\n    ')} FROM c`;
}

export async function runBatchRules(db: DuckDBConnection, rules: readonly BatchRule[], now: string, examples = 5): Promise<RuleResult[]> {
  if (rules.length === 0) return [];
  const keep = Math.max(1, Math.trunc(examples));
  const row = (await db.runAndReadAll(compileBatchRules(rules, keep), { now })).getRowObjectsJson()[0] ?? {};
  return rules.map((rule, i) => {
    const applicable = Number(row[`a${i}`] ?? 0);
    const violations = Number(row[`v${i}`] ?? 0);
    return {
      id: rule.id, title: rule.title, severity: rule.severity, applicable, violations,
      rate: applicable === 0 ? 0 : violations / applicable, examples: examples <= 0 ? [] : toExamples(row[`e${i}`]),
    };
  });
}

/** File-level rules, judged in Node; their examples point at line 0 (the file as a whole). */
function fileRules(files: BatchFile[], maxBytes: number, examples: number): RuleResult[] {
  const seen = files.filter((f) => f.bytes !== undefined);
  const rule = (id: string, title: string, problem: (f: BatchFile) => string | undefined): RuleResult => {
    const bad: RuleExample[] = seen.flatMap((f) => {
      const value = problem(f);
      return value === undefined ? [] : [{ file: f.file, line: 0, value }];
    });
    return {
      id, title, severity: 'fail', applicable: seen.length, violations: bad.length,
      rate: seen.length === 0 ? 0 : bad.length / seen.length, examples: bad.slice(0, Math.max(0, examples)),
    };
  };
  const membersProblem = (m: number | null | undefined) =>
    m === 0 ? 'not gzip' : m !== null && m !== undefined && m > 1 ? `${m} gzip members` : undefined;
  return [
    rule('batch/file-size', `Every file is at most ${maxBytes} bytes`, (f) => ((f.bytes ?? 0) > maxBytes ? `${f.bytes ?? 0} bytes` : undefined)),
    rule('batch/file-gzip', 'Every file is gzip with exactly one member', (f) => membersProblem(f.members)),
  ];
}

async function withFacts(read: FileRead, maxBytes: number): Promise<BatchFile> {
  try {
    return { ...read, ...(await batchFileFacts(read.file, maxBytes)) };
  } catch {
    return read; // readLines already says why the file cannot be opened
  }
}

/**
 * Validates batch upload files: file-level checks (size, one gzip member) and the MD5 the upload
 * needs, then every line a JSON object, then every record rule over the valid lines in one scan.
 * Bad data is reported, never thrown.
 */
export async function validateBatch(paths: string[], options: BatchValidateOptions): Promise<BatchValidationResult> {
  const maxBytes = options.maxBytes ?? MAX_BATCH_BYTES;
  const examples = options.examples ?? 5;
  const instance = await DuckDBInstance.create(':memory:', { threads: String(options.threads ?? 2) });
  const db = await instance.connect();
  try {
    const read = await readLines(db, paths);
    const files: BatchFile[] = [];
    for (const f of read) files.push(await withFacts(f, maxBytes));
    const lines = files.reduce((sum, f) => sum + f.lines, 0);
    const validLines = await countValidLines(db);
    const rules = [...fileRules(files, maxBytes, examples), ...(await runBatchRules(db, options.rules ?? BATCH_RULES, options.now, examples))];
    return {
      files, lines, validLines, invalidLineCount: lines - validLines,
      invalidLines: await invalidLines(db, files, options.maxInvalidLines ?? 1000), rules,
    };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}
