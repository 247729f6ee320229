/**
 * Compiles the event rules into ONE streaming query per input (a "pass"): each line is parsed once,
 * every rule becomes FILTERed counts plus its first examples, broken lines are counted and listed
 * in the same pass, and the few columns cross-event rules need are collected on the way. After the
 * last pass, rules over derived values (DERIVED_FIELDS) run over what was collected, not the lines.
 */
import { LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { DERIVED_FIELDS, EVENT_FIELDS, EVENT_KEYS, type DerivedField, type EventField, type EventKey, type EventRule, type RuleParams } from './event-rules-fields.js';
import { registerRuleFunctions } from './event-rules-functions.js';
import { INVALID_REASON_SQL, validJsonObjectSql } from './read.js';

export type { RuleParams } from './event-rules-fields.js';

export interface RuleExample {
  file: string;
  line: number;
  value: string | null;
}

export interface RuleResult {
  id: string;
  title: string;
  severity: 'fail' | 'warn';
  /** Events the rule applies to (the rate's denominator). */
  applicable: number;
  violations: number;
  /** violations / applicable, 0 when nothing applies. */
  rate: number;
  examples: RuleExample[];
  /** What the result is about when one rule yields a result per declared item, e.g. `ext.loyaltyTier`. */
  subject?: string;
  /**
   * Aggregate rules only: the measured share of applicable events without a violation (`value`, e.g.
   * the fill rate) and the minimum it must reach. Such a rule fails only when some event applies and
   * value < min; its violations are still counted and listed (the events that lower the share).
   * Without a threshold a rule fails on any violation.
   */
  threshold?: RuleThreshold;
}

export interface RuleThreshold {
  /** What `value` measures, e.g. `fill rate`. */
  measure: string;
  /** (applicable - violations) / applicable; 0 when nothing applies. */
  value: number;
  min: number;
}

export const MAX_VALUE_CHARS = 200;

/** The rules to run for these params: rules with `expand` replaced by their concrete rules (none when nothing is declared). */
export function concreteRules(rules: readonly EventRule[], params: RuleParams): EventRule[] {
  return rules.flatMap((r) => (r.expand === undefined ? [r] : r.expand(params)));
}

const derivedOf = (rule: EventRule): DerivedField | undefined => {
  if ((rule.derived?.length ?? 0) > 1) throw new Error(`${rule.id}: a rule uses at most one derived field`);
  return rule.derived?.[0];
};

const PARAMS = `SELECT $languages::VARCHAR[] AS allowed_languages, $currencies::VARCHAR[] AS allowed_currencies,
  $pos::VARCHAR[] AS allowed_pos, $identity::VARCHAR[] AS identity_rules, $custom::VARCHAR[] AS custom_events,
  $posNames::VARCHAR[] AS pos_channel_names, $posChannels::VARCHAR[] AS pos_channel_values`;

/**
 * The shared scan over `source` (rows f, k, raw: file position, row in the file, the line), ending in
 * CTE `c` with per rule i: a{i} (applies), v{i} (violates; false for rules judged after the passes)
 * and x{i} (shown value, only on violations), plus per derived field a struct `d_<name>` on the
 * events it collects.
 */
export function compileScan(rules: readonly EventRule[], source: string): string {
  const derived = [...new Set(rules.flatMap((r) => r.derived ?? []))];
  const fields = [...new Set<EventField>([...rules.flatMap((r) => r.reads), ...derived.flatMap((d) => DERIVED_FIELDS[d].reads)])];
  const keys = [...new Set<EventKey>(fields.flatMap((f) => EVENT_FIELDS[f].keys))];
  const spec = JSON.stringify(Object.fromEntries(keys.map((k) => [k, EVENT_KEYS[k]])));
  const extract = fields.map((f) => `, ${EVENT_FIELDS[f].sql} AS ${f}`).join('');
  const applies = rules.map((r, i) => `valid AND coalesce(${r.appliesTo ?? 'true'}, false) AS a${i}`);
  // CASE, not AND: a violation is only evaluated on events the rule applies to.
  const violates = rules.map((r, i) => (derivedOf(r) === undefined ? `CASE WHEN a${i} THEN coalesce((${r.violation}), true) ELSE false END AS v${i}` : `false AS v${i}`));
  const shown = rules.map((r, i) => (derivedOf(r) === undefined ? `CASE WHEN v${i} THEN left(CAST((${r.value}) AS VARCHAR), ${MAX_VALUE_CHARS}) END AS x${i}` : `NULL::VARCHAR AS x${i}`));
  const collect = derived.map((d) => {
    const { where, collect: columns } = DERIVED_FIELDS[d];
    const struct = Object.entries(columns).map(([name, sql]) => `'${name}': ${sql}`).join(', ');
    return `CASE WHEN valid AND coalesce(${where}, false) THEN {'f': f, 'k': k, ${struct}} END AS d_${d}`;
  });
  return `WITH p AS (${PARAMS}),
    src AS (${source}),
    ev AS (SELECT f, k, raw, ${validJsonObjectSql('raw')} AS valid FROM src),
    parsed AS (SELECT f, k, raw, valid, CASE WHEN valid THEN from_json(raw, '${spec}') END AS s FROM ev),
    g AS (SELECT f, k, raw, valid, p.*${extract} FROM parsed, p),
    ga AS (SELECT *, ${applies.join(', ')} FROM g),
    gv AS (SELECT *, ${violates.join(', ')} FROM ga),
    c AS (SELECT f, k, raw, valid, ${[...rules.flatMap((_r, i) => [`a${i}`, `v${i}`]), ...shown, ...collect].join(',\n      ')} FROM gv)`;
}

/**
 * ONE aggregate over the scan: line counts, the first `$invalid` broken rows with their reason, per
 * rule the FILTERed counts and first examples in (f, k) order, per derived field the collected list.
 */
export function compilePass(rules: readonly EventRule[], source: string, examples: number): string {
  const derived = [...new Set(rules.flatMap((r) => r.derived ?? []))];
  const aggregates = [
    'count(*) AS lines', 'count(*) FILTER (WHERE valid) AS valid_lines',
    `arg_min({'k': k, 'reason': CASE WHEN NOT valid THEN ${INVALID_REASON_SQL} END}, k, $invalid) FILTER (WHERE NOT valid) AS invalid`,
    ...rules.flatMap((_r, i) => [
      `count(*) FILTER (WHERE a${i}) AS a${i}`, `count(*) FILTER (WHERE v${i}) AS v${i}`,
      `arg_min({'f': f, 'k': k, 'value': x${i}}, (f, k), ${examples}) FILTER (WHERE v${i}) AS e${i}`,
    ]),
    ...derived.map((d) => `list(d_${d}) FILTER (WHERE d_${d} IS NOT NULL) AS d_${d}`),
  ];
  return `${compileScan(rules, source)}\n  SELECT ${aggregates.join(',\n    ')} FROM c`;
}

/** Examples as arg_min returns them ({file, line, value} structs); used by the batch rules too. */
export function toExamples(value: unknown): RuleExample[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { file, line, value: shown } = item as Record<string, unknown>;
    return [{ file: String(file), line: Number(line), value: typeof shown === 'string' ? shown : null }];
  });
}

/** The named parameters of the scan, with their types. */
export interface BoundParams { values: Record<string, DuckDBValue>; types: Record<string, DuckDBType> }

function bind(params: RuleParams): BoundParams {
  const list = LIST(VARCHAR);
  const lists = {
    languages: params.languages, currencies: params.currencies, pos: params.pointsOfSale,
    identity: params.identityRules ?? [], custom: params.customEvents ?? [],
    posNames: (params.posChannels ?? []).map((p) => p.name), posChannels: (params.posChannels ?? []).map((p) => p.channel),
  };
  return {
    values: Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, listValue([...v])])),
    types: Object.fromEntries(Object.keys(lists).map((k) => [k, list])),
  };
}

/** A position in the input: file position f (order given) and row k within the file. */
export interface Position { f: number; k: number }
interface Found extends Position { value: string | null }

/** The running state of a validation: concrete rules, bound params and the counts so far. */
export interface RuleRun {
  rules: EventRule[];
  bound: BoundParams;
  keep: number;
  maxInvalid: number;
  applicable: number[];
  violations: number[];
  found: Found[][];
  collected: Set<DerivedField>;
}

export interface PassResult {
  /** Rows the scan returned (lines DuckDB did not reject). */
  lines: number;
  validLines: number;
  /** The first maxInvalid rows that are not JSON objects, by k, with the reason. */
  invalid: { k: number; reason: string }[];
}

/** Registers the rule functions and clears what an earlier run collected. */
export async function startRules(
  db: DuckDBConnection, declared: readonly EventRule[], params: RuleParams, examples: number, maxInvalid: number,
): Promise<RuleRun> {
  registerRuleFunctions(db);
  const rules = concreteRules(declared, params);
  for (const d of Object.keys(DERIVED_FIELDS)) await db.run(`DROP TABLE IF EXISTS golive_collect_${d}`);
  const zero = () => rules.map(() => 0);
  return {
    rules, bound: bind(params), keep: Math.max(1, Math.trunc(examples)), maxInvalid: Math.max(1, Math.trunc(maxInvalid)),
    applicable: zero(), violations: zero(), found: rules.map(() => []), collected: new Set(),
  };
}

const byPosition = (a: Position, b: Position) => a.f - b.f || a.k - b.k;

function positions(value: unknown): Found[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { f, k, value: shown } = item as Record<string, unknown>;
    return [{ f: Number(f ?? 0), k: Number(k), value: typeof shown === 'string' ? shown : null }];
  });
}

/** Runs one pass over `source` and adds its counts, examples and collected rows to the run. */
export async function scanPass(db: DuckDBConnection, run: RuleRun, source: string): Promise<PassResult> {
  const derived = [...new Set(run.rules.flatMap((r) => r.derived ?? []))];
  const values = { ...run.bound.values, invalid: run.maxInvalid };
  await db.run(`CREATE OR REPLACE TEMP TABLE golive_pass AS ${compilePass(run.rules, source, run.keep)}`, values, run.bound.types);
  for (const d of derived) {
    const rows = `SELECT unnest(u) FROM (SELECT unnest(d_${d}) AS u FROM golive_pass)`;
    await db.run(run.collected.has(d) ? `INSERT INTO golive_collect_${d} ${rows}` : `CREATE OR REPLACE TEMP TABLE golive_collect_${d} AS ${rows}`);
    run.collected.add(d);
  }
  const exclude = derived.length === 0 ? '' : ` EXCLUDE (${derived.map((d) => `d_${d}`).join(', ')})`;
  const row = (await db.runAndReadAll(`SELECT *${exclude} FROM golive_pass`)).getRowObjectsJson()[0] ?? {};
  await db.run('DROP TABLE golive_pass');
  for (const [i] of run.rules.entries()) {
    run.applicable[i] = (run.applicable[i] ?? 0) + Number(row[`a${i}`] ?? 0);
    run.violations[i] = (run.violations[i] ?? 0) + Number(row[`v${i}`] ?? 0);
    run.found[i] = [...(run.found[i] ?? []), ...positions(row[`e${i}`])].sort(byPosition).slice(0, run.keep);
  }
  const invalid = positions(row.invalid).map((p, j) => ({ k: p.k, reason: String((row.invalid as { reason?: string }[])[j]?.reason ?? '') }));
  return { lines: Number(row.lines ?? 0), validLines: Number(row.valid_lines ?? 0), invalid };
}

/** Judges a rule with a derived field over the collected rows (after every pass). */
async function judgeDerived(db: DuckDBConnection, run: RuleRun, rule: EventRule, d: DerivedField): Promise<{ applicable: number; violations: number; found: Found[] }> {
  if (!run.collected.has(d)) return { applicable: 0, violations: 0, found: [] };
  const applies = `coalesce(${rule.appliesTo ?? 'true'}, false)`;
  const sql = `WITH p AS (${PARAMS}), d AS (SELECT * FROM golive_collect_${d}), x AS (${DERIVED_FIELDS[d].sql}),
    r AS (SELECT d.*, p.*, x.${d} FROM d CROSS JOIN p LEFT JOIN x ON x.f = d.f AND x.k = d.k),
    c AS (SELECT f, k, ${applies} AS a, ${applies} AND coalesce((${rule.violation}), true) AS v, r.* EXCLUDE (f, k) FROM r)
    SELECT count(*) FILTER (WHERE a) AS a, count(*) FILTER (WHERE v) AS v,
      arg_min({'f': f, 'k': k, 'value': left(CAST((${rule.value}) AS VARCHAR), ${MAX_VALUE_CHARS})}, (f, k), ${run.keep}) FILTER (WHERE v) AS e FROM c`;
  const row = (await db.runAndReadAll(sql, run.bound.values, run.bound.types)).getRowObjectsJson()[0] ?? {};
  return { applicable: Number(row.a ?? 0), violations: Number(row.v ?? 0), found: positions(row.e) };
}

export function ruleResult(rule: EventRule, applicable: number, violations: number, examples: RuleExample[]): RuleResult {
  const rate = applicable === 0 ? 0 : violations / applicable;
  return {
    id: rule.id, title: rule.title, severity: rule.severity, applicable, violations, rate, examples,
    ...(rule.subject === undefined ? {} : { subject: rule.subject }),
    ...(rule.minPassRate === undefined ? {} : {
      threshold: { measure: rule.measure ?? 'pass rate', value: applicable === 0 ? 0 : (applicable - violations) / applicable, min: rule.minPassRate },
    }),
  };
}

/** The results, with positions turned into file names and physical line numbers. */
export async function finishRules(
  db: DuckDBConnection, run: RuleRun, where: (p: Position) => { file: string; line: number }, examples: number,
): Promise<RuleResult[]> {
  const results: RuleResult[] = [];
  // Sequential on purpose: one connection runs one query at a time.
  for (const [i, rule] of run.rules.entries()) {
    const d = derivedOf(rule);
    const counted = d === undefined
      ? { applicable: run.applicable[i] ?? 0, violations: run.violations[i] ?? 0, found: run.found[i] ?? [] }
      : await judgeDerived(db, run, rule, d);
    const shown = examples <= 0 ? [] : counted.found.map((e) => ({ ...where(e), value: e.value }));
    results.push(ruleResult(rule, counted.applicable, counted.violations, shown));
  }
  for (const d of run.collected) await db.run(`DROP TABLE IF EXISTS golive_collect_${d}`);
  return results;
}

/**
 * Runs every rule over the `lines` table (file, line, raw) in one pass: files in name order, each
 * row's line as stored. The file scan (validate.ts) uses the same compiled pass over the files.
 */
export async function runEventRules(
  db: DuckDBConnection, declared: readonly EventRule[], params: RuleParams, examples = 5,
): Promise<RuleResult[]> {
  const run = await startRules(db, declared, params, examples, 1);
  if (run.rules.length === 0) return [];
  const files = (await db.runAndReadAll('SELECT DISTINCT file FROM lines ORDER BY file')).getRowObjectsJson().map((r) => String(r.file));
  await scanPass(db, run, 'SELECT CAST(dense_rank() OVER (ORDER BY file) - 1 AS INTEGER) AS f, line AS k, raw FROM lines');
  return finishRules(db, run, (p) => ({ file: files[p.f] ?? '', line: p.k }), examples);
}
