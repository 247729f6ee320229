/**
 * Compiles the event rules into ONE scan per input (a "pass"): each line is read and parsed once,
 * in DuckDB's parallel scan, into a narrow staged row (which rules apply and which are broken, as
 * bit masks, plus the shown values and collected columns only where there are any; never the
 * line). Counts, the first examples and the broken lines then come from the stage, and the few
 * columns cross-event rules need are collected from it. After the last pass, rules over derived
 * values (DERIVED_FIELDS) run over what was collected, not the lines.
 */
import { LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { DERIVED_FIELDS, EVENT_FIELDS, EVENT_KEYS, type DerivedField, type EventField, type EventKey, type EventRule, type RuleParams } from './event-rules-fields.js';
import { registerRuleFunctions } from './event-rules-functions.js';
import { INVALID_REASON_SQL, validJsonObjectSql } from './read.js';

export type { RuleParams } from './event-rules-fields.js';
export { concreteRules, MAX_VALUE_CHARS, ruleResult, type RuleExample, type RuleResult, type RuleThreshold } from './rule-results.js';
import { concreteRules, MAX_VALUE_CHARS, ruleResult, type RuleExample, type RuleResult } from './rule-results.js';

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
 * events it collects (f and k are added when the collected rows are kept).
 * `parsed`, when given, replaces the line test and the parse with rows (f, k, raw, valid, s) read
 * another way: bench/data uses it to time the rules over DuckDB's own JSON reader.
 */
export function compileScan(rules: readonly EventRule[], source: string, parsed?: string): string {
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
    return `CASE WHEN valid AND coalesce(${where}, false) THEN {${struct}} END AS d_${d}`;
  });
  return `WITH p AS (${PARAMS}),
    ${parsed !== undefined ? `parsed AS (${parsed}),` : `src AS (${source}),
    ev AS (SELECT f, k, raw, ${validJsonObjectSql('raw')} AS valid FROM src),
    parsed AS (SELECT f, k, raw, valid, ${keys.length === 0 ? 'NULL' : `CASE WHEN valid THEN from_json(raw, '${spec}') END`} AS s FROM ev),`}
    g AS (SELECT f, k, raw, valid, p.*${extract} FROM parsed, p),
    ga AS (SELECT ${['*', ...applies].join(', ')} FROM g),
    gv AS (SELECT ${['*', ...violates].join(', ')} FROM ga),
    c AS (SELECT ${['f', 'k', 'raw', 'valid', ...rules.flatMap((_r, i) => [`a${i}`, `v${i}`]), ...shown, ...collect].join(',\n      ')} FROM gv)`;
}

/** Rules per BIGINT bit mask: bits 0..61, so no mask is ever negative. */
const MASK_BITS = 62;

const words = (rules: readonly unknown[]): number[] => Array.from({ length: Math.ceil(rules.length / MASK_BITS) }, (_w, j) => j);

/** SQL: the BIGINT mask of word j over the boolean columns `${prefix}{i}`. */
function mask(rules: readonly unknown[], j: number, prefix: string): string {
  const bits = rules.slice(j * MASK_BITS, (j + 1) * MASK_BITS).map((_r, b) => `(CAST(${prefix}${j * MASK_BITS + b} AS BIGINT) << ${b})`);
  return `(${bits.join(' | ')})`;
}

/**
 * The stage of a pass: one narrow row per line, in the order of `source`, computed by DuckDB's
 * parallel scan. Per line: `valid`, the masks of the rules that apply (am{j}) and are broken
 * (vm{j}), and only where something is to be told, the reason a line is not a JSON object, the
 * shown values of the broken rules (`x`, by rule) and the collected derived fields. With
 * `numbered`, `source` gives f and k and they are kept; otherwise the stage's rowid numbers the rows.
 */
export function compileRows(rules: readonly EventRule[], source: string, numbered: boolean, parsed?: string): string {
  const derived = [...new Set(rules.flatMap((r) => r.derived ?? []))];
  const ws = words(rules);
  const columns = [
    ...(numbered ? ['f', 'k'] : []), 'valid',
    ...ws.map((j) => `${mask(rules, j, 'a')} AS am${j}`), ...ws.map((j) => `${mask(rules, j, 'v')} AS vm${j}`),
    `CASE WHEN NOT valid THEN ${INVALID_REASON_SQL} END AS reason`,
    `CASE WHEN ${['false', ...rules.map((_r, i) => `v${i}`)].join(' OR ')} THEN [${rules.map((_r, i) => `x${i}`).join(', ')}]::VARCHAR[] END AS x`,
    ...derived.map((d) => `d_${d}`),
  ];
  return `${compileScan(rules, source, parsed)}\n  SELECT ${columns.join(',\n    ')} FROM c`;
}

/**
 * The examples of a staged pass (`position`: the stage's columns with f and k first): the first
 * `$invalid` broken rows with their reason, per rule the first examples in (f, k) order; only rows
 * with something to tell are read.
 */
export function compileExamples(rules: readonly EventRule[], position: string, examples: number): string {
  const aggregates = [
    `arg_min({'k': k, 'reason': reason}, k, $invalid) FILTER (WHERE NOT valid) AS invalid`,
    ...rules.map((_r, i) => {
      const [j, b] = [Math.floor(i / MASK_BITS), i % MASK_BITS];
      return `arg_min({'f': f, 'k': k, 'value': x[${i + 1}]}, (f, k), ${examples}) FILTER (WHERE (vm${j} >> ${b}) & 1 = 1) AS e${i}`;
    }),
  ];
  return `SELECT ${aggregates.join(',\n    ')}
    FROM (SELECT ${position} FROM golive_rows WHERE NOT valid OR x IS NOT NULL)`;
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

interface Counts { lines: number; validLines: number; applicable: number[]; violations: number[] }

/** The counts of a staged pass: lines, valid lines and per rule applicable and broken events. */
export async function countStage(db: DuckDBConnection, run: RuleRun): Promise<Counts> {
  const ws = words(run.rules);
  const [applicable, violations] = [run.rules.map(() => 0), run.rules.map(() => 0)];
  const masks = [...ws.map((j) => `am${j}`), ...ws.map((j) => `vm${j}`)];
  const groups = (await db.runAndReadAll(`SELECT ${['valid', ...masks].join(', ')}, count(*) AS n FROM golive_rows GROUP BY ALL`)).getRowObjectsJson();
  let [lines, validLines] = [0, 0];
  for (const g of groups) {
    const n = Number(g.n ?? 0);
    lines += n;
    if (g.valid !== true) continue;
    validLines += n;
    for (const [i] of run.rules.entries()) {
      const [j, b] = [Math.floor(i / MASK_BITS), BigInt(i % MASK_BITS)];
      const has = (m: unknown) => ((BigInt(String(m ?? 0)) >> b) & 1n) === 1n;
      if (has(g[`am${j}`])) applicable[i] = (applicable[i] ?? 0) + n;
      if (has(g[`vm${j}`])) violations[i] = (violations[i] ?? 0) + n;
    }
  }
  return { lines, validLines, applicable, violations };
}

/**
 * True when DuckDB's plan for the stage keeps the rows in the order of the scan: an order-preserving
 * insert and no join (DuckDB turns long IN lists into joins unless the `in_clause` optimizer is off,
 * and a join may hand on rows out of order).
 */
async function keepsOrder(db: DuckDBConnection, run: RuleRun, stage: string): Promise<boolean> {
  const plan = (await db.runAndReadAll(`EXPLAIN ${stage}`, run.bound.values, run.bound.types)).getRows().map((r) => String(r[1])).join('\n');
  return plan.includes('BATCH_CREATE_TABLE_AS') && !plan.includes('JOIN');
}

/** A file's lines without numbers (only raw, in the file's order) and the position f of the file. */
export interface Unnumbered { f: number; source: string }

/**
 * Runs one pass and adds its counts, examples and collected rows to the run. `source` gives (f, k,
 * raw). With `file`, its source (raw only, in the file's order) is staged by DuckDB's parallel scan
 * and numbered afterwards by the stage's rowid, since numbering rows in the scan would serialise it;
 * when DuckDB's plan could reorder the rows, the pass falls back to the numbered `source`.
 * `accept` sees the rows the scan returned before anything is added: false drops the pass and
 * returns undefined (validate.ts refuses a parallel read that lost a line).
 */
export async function scanPass(db: DuckDBConnection, run: RuleRun, source: string, file?: Unnumbered, accept?: (rows: number) => Promise<boolean>): Promise<PassResult | undefined> {
  const derived = [...new Set(run.rules.flatMap((r) => r.derived ?? []))];
  const parallel = file === undefined ? undefined : `CREATE OR REPLACE TEMP TABLE golive_rows AS ${compileRows(run.rules, `SELECT NULL AS f, NULL AS k, raw FROM (${file.source})`, false)}`;
  const numbered = parallel === undefined || !(await keepsOrder(db, run, parallel));
  const position = numbered ? '*' : `CAST(${file?.f ?? 0} AS INTEGER) AS f, rowid + 1 AS k, *`;
  await db.run(numbered ? `CREATE OR REPLACE TEMP TABLE golive_rows AS ${compileRows(run.rules, source, true)}` : parallel, run.bound.values, run.bound.types);
  try {
    const counts = await countStage(db, run);
    // Checked before anything is added to the run: a pass refused here leaves no trace.
    if (accept !== undefined && !(await accept(counts.lines))) return undefined;
    for (const d of derived) {
      const rows = `SELECT f, k, unnest(d_${d}) FROM (SELECT ${position} FROM golive_rows WHERE d_${d} IS NOT NULL)`;
      await db.run(run.collected.has(d) ? `INSERT INTO golive_collect_${d} ${rows}` : `CREATE OR REPLACE TEMP TABLE golive_collect_${d} AS ${rows}`);
      run.collected.add(d);
    }
    const row = (await db.runAndReadAll(compileExamples(run.rules, position, run.keep), { invalid: run.maxInvalid })).getRowObjectsJson()[0] ?? {};
    // Added last: a pass that fails on the way adds no counts.
    for (const [i] of run.rules.entries()) {
      run.applicable[i] = (run.applicable[i] ?? 0) + (counts.applicable[i] ?? 0);
      run.violations[i] = (run.violations[i] ?? 0) + (counts.violations[i] ?? 0);
      run.found[i] = [...(run.found[i] ?? []), ...positions(row[`e${i}`])].sort(byPosition).slice(0, run.keep);
    }
    const invalid = positions(row.invalid).map((p, j) => ({ k: p.k, reason: String((row.invalid as { reason?: string }[])[j]?.reason ?? '') }));
    return { lines: counts.lines, validLines: counts.validLines, invalid };
  } finally {
    await db.run('DROP TABLE IF EXISTS golive_rows');
  }
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
