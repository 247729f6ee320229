import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { loadRecords, type BadRecord, type RecordFile, type RecordLocation } from './records.js';

/**
 * Reconciles a source-system extract with a platform export by key, in DuckDB: rows and keys per
 * side, keys missing from the target or extra in it, duplicate keys, rows without a key, values
 * that differ per compared field (numbers within a tolerance, text exactly after trimming), and
 * sums per currency. A duplicated key is compared by its first row (file order, then line).
 */

/** A field as each side names it (the same name unless the sides differ). */
export interface FieldPair {
  source: string;
  target: string;
}

export interface ReconcileOptions {
  source: string[];
  target: string[];
  /** Directory the paths and globs are relative to. */
  base: string;
  key: FieldPair;
  compare?: FieldPair[];
  sum?: FieldPair;
  /** Sums per value of this field; without it one total. */
  currency?: FieldPair;
  /** Largest difference between two numbers that still counts as equal. Default 0. */
  tolerance?: number;
  /** Examples kept per finding. Default 5. */
  examples?: number;
  threads?: number;
}

export interface Examples<T> {
  count: number;
  examples: T[];
}

export interface KeyAt {
  key: string;
  at: RecordLocation;
}

export interface SideReport {
  files: RecordFile[];
  rows: number;
  /** Distinct keys. */
  keys: number;
  withoutKey: Examples<RecordLocation>;
  /** count: keys found on more than one row; rows: the rows beyond each key's first. */
  duplicates: Examples<{ key: string; rows: number; at: RecordLocation[] }> & { rows: number };
  /** Records that could not be read (malformed CSV records, lines that are not JSON objects). */
  unreadable: Examples<BadRecord>;
}

export interface ValueAt {
  at: RecordLocation;
  value: string | null;
}

export interface FieldMismatch extends Examples<{ key: string; source: ValueAt; target: ValueAt }> {
  field: FieldPair;
}

export interface CurrencySum {
  /** The currency; null for rows without one, or for the one total when no currency field is given. */
  currency: string | null;
  source: number;
  target: number;
  /** target - source */
  difference: number;
  sourceRows: number;
  targetRows: number;
  ok: boolean;
}

export interface SumReport {
  field: FieldPair;
  currency: FieldPair | null;
  totals: CurrencySum[];
  /** Values that are not numbers (empty ones are skipped, not counted). */
  notNumbers: { source: Examples<ValueAt>; target: Examples<ValueAt> };
}

export interface ReconcileResult {
  key: FieldPair;
  tolerance: number;
  source: SideReport;
  target: SideReport;
  /** Keys on both sides. */
  matched: number;
  missing: Examples<KeyAt>;
  extra: Examples<KeyAt>;
  mismatches: FieldMismatch[];
  sums: SumReport | null;
}

/** A plain decimal or scientific number, as text; anything else is compared as text. */
export const NUMBER_PATTERN = '[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?';
const isNum = (v: string) => `regexp_full_match(${v}, '${NUMBER_PATTERN}')`;

/** Two numbers within the tolerance (plus a relative epsilon for binary rounding). */
export const withinSql = (a: string, b: string) => `abs(${a} - ${b}) <= $tol + 1e-9 * greatest(1, abs(${a}), abs(${b}))`;

/** SQL: a and b hold the same value (both empty, numerically within the tolerance, or the same text). */
export function sameSql(a: string, b: string): string {
  return `CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN ${a} IS NULL AND ${b} IS NULL
    WHEN ${isNum(a)} AND ${isNum(b)} THEN ${withinSql(`TRY_CAST(${a} AS DOUBLE)`, `TRY_CAST(${b} AS DOUBLE)`)} ELSE ${a} = ${b} END`;
}

type Row = Record<string, unknown>;
const at = (r: Row, prefix = ''): RecordLocation => ({
  file: String(r[`${prefix}file`]), line: r[`${prefix}line`] === null ? null : Number(r[`${prefix}line`]), record: Number(r[`${prefix}record`]),
});
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
/** Fifteen significant digits: sums without binary noise such as 0.30000000000000004. */
const tidy = (n: number) => Number(n.toPrecision(15));
/** a - b to the precision the operands carry (14 significant digits of the larger one). */
const minus = (a: number, b: number) => Number((a - b).toFixed(Math.min(20, Math.max(0, 14 - Math.floor(Math.log10(Math.max(1, Math.abs(a), Math.abs(b))))))));

class Sql {
  constructor(private readonly db: DuckDBConnection, private readonly params: Record<string, number>) {}
  async rows(sql: string): Promise<Row[]> {
    const used = Object.fromEntries(Object.entries(this.params).filter(([k]) => sql.includes(`$${k}`)));
    return (await this.db.runAndReadAll(sql, used)).getRowObjectsJson() as Row[];
  }
  async count(sql: string): Promise<number> {
    return Number(Object.values((await this.rows(sql))[0] ?? {})[0] ?? 0);
  }
  async examples<T>(from: string, select: string, map: (r: Row) => T): Promise<Examples<T>> {
    return { count: await this.count(`SELECT count(*) FROM ${from}`), examples: (await this.rows(`SELECT ${select} FROM ${from} ORDER BY pos, record LIMIT $n`)).map(map) };
  }
}

async function side(sql: Sql, name: 'src' | 'tgt', files: RecordFile[], unreadable: Examples<BadRecord>): Promise<SideReport> {
  // Duplicates are rare: a grouping finds them, and every other row is its key's first (faster than a window over all rows).
  await sql.rows(`CREATE OR REPLACE TABLE ${name}_dup AS SELECT k, count(*) AS n, min(pos::BIGINT * 4294967296 + record) AS first
    FROM ${name} WHERE k IS NOT NULL GROUP BY k HAVING count(*) > 1`);
  await sql.rows(`CREATE OR REPLACE TABLE ${name}_first AS SELECT s.*, coalesce(d.n, 1) AS n FROM ${name} s LEFT JOIN ${name}_dup d ON s.k = d.k
    WHERE s.k IS NOT NULL AND (d.k IS NULL OR s.pos::BIGINT * 4294967296 + s.record = d.first)`);
  const dup = await sql.examples(`${name}_first WHERE n > 1`, 'k, n, pos, record', (r) => ({ key: String(r.k), rows: Number(r.n), at: [] as RecordLocation[] }));
  if (dup.examples.length > 0) {
    const places = await sql.rows(`SELECT k, list(struct_pack(file := file, line := line, record := record) ORDER BY pos, record)[1:3] AS places
      FROM ${name} WHERE k IN (SELECT k FROM ${name}_first WHERE n > 1 ORDER BY pos, record LIMIT $n) GROUP BY k`);
    const byKey = new Map(places.map((p) => [String(p.k), (p.places as Row[]).map((r) => at(r))]));
    for (const d of dup.examples) d.at = byKey.get(d.key) ?? [];
  }
  return {
    files,
    rows: await sql.count(`SELECT count(*) FROM ${name}`),
    keys: await sql.count(`SELECT count(*) FROM ${name}_first`),
    withoutKey: await sql.examples(`${name} WHERE k IS NULL`, 'file, line, record', (r) => at(r)),
    duplicates: { ...dup, rows: await sql.count(`SELECT coalesce(sum(n - 1), 0) FROM ${name}_first`) },
    unreadable,
  };
}

/** Keys of one side only, each at its first row, from the joined table. */
async function keyDiff(sql: Sql, only: 's' | 't'): Promise<Examples<KeyAt>> {
  const other = only === 's' ? 't' : 's';
  return sql.examples(`(SELECT k, ${only}_pos AS pos, ${only}_record AS record, ${only}_file AS file, ${only}_line AS line FROM joined WHERE ${other}_file IS NULL)`,
    'k, file, line, record', (r) => ({ key: String(r.k), at: at(r) }));
}

async function mismatches(sql: Sql, compare: FieldPair[]): Promise<FieldMismatch[]> {
  const out: FieldMismatch[] = [];
  for (const [i, field] of compare.entries()) {
    const found = await sql.examples(`pairs WHERE NOT (${sameSql(`s_f${i}`, `t_f${i}`)})`, `k, s_file, s_line, s_record, t_file, t_line, t_record, s_f${i}, t_f${i}`,
      (r) => ({ key: String(r.k), source: { at: at(r, 's_'), value: text(r[`s_f${i}`]) }, target: { at: at(r, 't_'), value: text(r[`t_f${i}`]) } }));
    out.push({ field, ...found });
  }
  return out;
}

async function sums(sql: Sql, field: FieldPair, currency: FieldPair | null, tolerance: number): Promise<SumReport> {
  const rows = await sql.rows(`SELECT c, fsum(v) FILTER (WHERE side = 's') AS s, fsum(v) FILTER (WHERE side = 't') AS t,
      count(*) FILTER (WHERE side = 's') AS sn, count(*) FILTER (WHERE side = 't') AS tn
    FROM (SELECT 's' AS side, c, TRY_CAST(s AS DOUBLE) AS v FROM src WHERE ${isNum('s')}
      UNION ALL SELECT 't', c, TRY_CAST(s AS DOUBLE) FROM tgt WHERE ${isNum('s')}) GROUP BY c ORDER BY c NULLS LAST`);
  const totals = rows.map((r) => {
    const source = tidy(Number(r.s ?? 0));
    const target = tidy(Number(r.t ?? 0));
    const ok = Math.abs(target - source) <= tolerance + 1e-9 * Math.max(1, Math.abs(source), Math.abs(target));
    return { currency: text(r.c), source, target, difference: minus(target, source), sourceRows: Number(r.sn), targetRows: Number(r.tn), ok };
  });
  const notNumber = (name: string) => sql.examples(`${name} WHERE s IS NOT NULL AND NOT ${isNum('s')}`, 'file, line, record, s', (r) => ({ at: at(r), value: text(r.s) }));
  return { field, currency, totals, notNumbers: { source: await notNumber('src'), target: await notNumber('tgt') } };
}

/** Both sides' fields: k (key), s (sum), c (currency), f0.. (compared). */
function fieldsOf(options: ReconcileOptions, pick: keyof FieldPair): Record<string, string> {
  const fields: Record<string, string> = { k: options.key[pick] };
  if (options.sum) fields.s = options.sum[pick];
  if (options.currency) fields.c = options.currency[pick];
  for (const [i, f] of (options.compare ?? []).entries()) fields[`f${i}`] = f[pick];
  return fields;
}

/** Reads both sides (a UsageError names any file or field that cannot be read) and reconciles them. */
export async function reconcile(options: ReconcileOptions): Promise<ReconcileResult> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(options.threads ?? 2) });
  const db = await instance.connect();
  const examples = options.examples ?? 5;
  const tolerance = options.tolerance ?? 0;
  const sql = new Sql(db, { n: examples, tol: tolerance });
  const hint = (opt: string) => `name the field as each file has it: ${opt} takes a CSV column or a JSON field (dotted for nested ones, e.g. value.referenceId); --key-target, or source=target in --compare, --sum and --currency, when the target names it differently`;
  try {
    const common = { base: options.base, fieldHint: hint('--key'), maxBad: examples };
    const src = await loadRecords(db, { ...common, table: 'src', patterns: options.source, fields: fieldsOf(options, 'source'), label: 'source' });
    const tgt = await loadRecords(db, { ...common, table: 'tgt', patterns: options.target, fields: fieldsOf(options, 'target'), label: 'target' });
    if (!options.currency) for (const t of ['src', 'tgt']) await db.run(`ALTER TABLE ${t} ADD COLUMN c VARCHAR`);
    const source = await side(sql, 'src', src.files, { count: src.badCount, examples: src.bad });
    const target = await side(sql, 'tgt', tgt.files, { count: tgt.badCount, examples: tgt.bad });
    const compare = options.compare ?? [];
    // One full join gives the matched keys and both sides' extra keys.
    const cols = compare.map((_, i) => `, s.f${i} AS s_f${i}, t.f${i} AS t_f${i}`).join('');
    const of = (side: 's' | 't') => ['pos', 'file', 'line', 'record'].map((c) => `${side}.${c} AS ${side}_${c}`).join(', ');
    await db.run(`CREATE OR REPLACE TABLE joined AS SELECT k, ${of('s')}, ${of('t')}${cols} FROM src_first s FULL JOIN tgt_first t USING (k)`);
    await db.run('CREATE OR REPLACE VIEW pairs AS SELECT *, s_pos AS pos, s_record AS record FROM joined WHERE s_file IS NOT NULL AND t_file IS NOT NULL');
    return {
      key: options.key, tolerance, source, target,
      matched: await sql.count('SELECT count(*) FROM pairs'),
      missing: await keyDiff(sql, 's'),
      extra: await keyDiff(sql, 't'),
      mismatches: await mismatches(sql, compare),
      sums: options.sum ? await sums(sql, options.sum, options.currency ?? null, tolerance) : null,
    };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/** Nothing to report: every key on both sides once, values and sums agree, every record read. */
export function reconciled(r: ReconcileResult): boolean {
  const clean = (s: SideReport) => s.withoutKey.count === 0 && s.duplicates.count === 0 && s.unreadable.count === 0;
  const sumsOk = r.sums === null || (r.sums.totals.every((t) => t.ok) && r.sums.notNumbers.source.count === 0 && r.sums.notNumbers.target.count === 0);
  return clean(r.source) && clean(r.target) && r.missing.count === 0 && r.extra.count === 0 && r.mismatches.every((m) => m.count === 0) && sumsOk;
}
