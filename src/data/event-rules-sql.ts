import { LIST, VARCHAR, listValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { confirmRule } from './event-rules-confirm.js';
import { DERIVED_FIELDS, EVENT_FIELDS, type DerivedField, type EventField, type EventRule } from './event-rules-fields.js';

export interface RuleParams {
  /** Allowed language codes (uppercase); empty = only the format is checked. */
  languages: readonly string[];
  currencies: readonly string[];
  pointsOfSale: readonly string[];
  /** Providers of the tenant's identity rules (exact case); empty/absent = providers are not checked. */
  identityRules?: readonly string[];
  /** Declared custom event types; empty/absent = only the reserved prefix is checked. */
  customEvents?: readonly string[];
}

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
}

export const MAX_VALUE_CHARS = 200;

/**
 * The shared scan, ending in CTE `c`: one row per valid line with, per rule i, a{i} (applies),
 * v{i} (violates), x{i} (shown value) and, for rules with `confirm`, t{i}/k{i} (text, language).
 * Cross-event values (DERIVED_FIELDS) are computed once each and LEFT JOINed on (file, line).
 */
export function compileScan(rules: readonly EventRule[]): string {
  const derived = [...new Set<DerivedField>(rules.flatMap((r) => r.derived ?? []))];
  const fields = [...new Set<EventField>([...rules.flatMap((r) => r.reads), ...derived.flatMap((d) => DERIVED_FIELDS[d].reads)])];
  const extract = fields.map((f) => `, ${EVENT_FIELDS[f]} AS ${f}`).join('');
  const ctes = derived.map((d) => `d_${d} AS (${DERIVED_FIELDS[d].sql})`);
  const joins = derived.map((d) => ` LEFT JOIN d_${d} ON d_${d}.file = f.file AND d_${d}.line = f.line`).join('');
  const flags = rules.flatMap((r, i) => [
    `coalesce(${r.appliesTo ?? 'true'}, false) AS a${i}`,
    `coalesce(${r.appliesTo ?? 'true'}, false) AND coalesce((${r.violation}), true) AS v${i}`,
    `left(CAST((${r.value}) AS VARCHAR), ${MAX_VALUE_CHARS}) AS x${i}`,
    ...(r.confirm === undefined ? [] : [`CAST((${r.confirm.text}) AS VARCHAR) AS t${i}`, `CAST((${r.confirm.language}) AS VARCHAR) AS k${i}`]),
  ]);
  return `WITH p AS (SELECT $languages::VARCHAR[] AS allowed_languages, $currencies::VARCHAR[] AS allowed_currencies,
      $pos::VARCHAR[] AS allowed_pos, $identity::VARCHAR[] AS identity_rules, $custom::VARCHAR[] AS custom_events),
    ev AS (SELECT file, line, raw::JSON AS j FROM lines WHERE valid),
    f AS (SELECT ev.file, ev.line, p.*${extract} FROM ev, p),
    ${ctes.map((c) => `${c},\n    `).join('')}g AS (SELECT f.*${derived.map((d) => `, d_${d}.${d}`).join('')} FROM f${joins}),
    c AS (SELECT file, line, ${flags.join(',\n      ')} FROM g)`;
}

/**
 * ONE query over the valid lines of `lines`: each field is extracted once, each rule becomes
 * a pair of FILTERed counts plus the first `examples` violations in (file, line) order.
 */
export function compileEventRules(rules: readonly EventRule[], examples: number): string {
  const aggregates = rules.flatMap((_r, i) => [
    `count(*) FILTER (WHERE a${i}) AS a${i}`,
    `count(*) FILTER (WHERE v${i}) AS v${i}`,
    `arg_min({'file': file, 'line': line, 'value': x${i}}, (file, line), ${examples}) FILTER (WHERE v${i}) AS e${i}`,
  ]);
  return `${compileScan(rules)}\n  SELECT ${aggregates.join(',\n    ')} FROM c`;
}

export function toExamples(value: unknown): RuleExample[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { file, line, value: shown } = item as Record<string, unknown>;
    return [{ file: String(file), line: Number(line), value: typeof shown === 'string' ? shown : null }];
  });
}

/** The named parameters of compileScan, with their types. */
export interface BoundParams { values: Record<string, DuckDBValue>; types: Record<string, DuckDBType> }

function bind(params: RuleParams): BoundParams {
  const list = LIST(VARCHAR);
  const lists = {
    languages: params.languages, currencies: params.currencies, pos: params.pointsOfSale,
    identity: params.identityRules ?? [], custom: params.customEvents ?? [],
  };
  return {
    values: Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, listValue([...v])])),
    types: Object.fromEntries(Object.keys(lists).map((k) => [k, list])),
  };
}

/**
 * Runs every rule over the `lines` table in one query; rules with `confirm` get a second, small query
 * over their candidates only (event-rules-confirm.ts), which sets their violations and examples.
 */
export async function runEventRules(
  db: DuckDBConnection, rules: readonly EventRule[], params: RuleParams, examples = 5,
): Promise<RuleResult[]> {
  if (rules.length === 0) return [];
  const keep = Math.max(1, Math.trunc(examples));
  const bound = bind(params);
  const reader = await db.runAndReadAll(compileEventRules(rules, keep), bound.values, bound.types);
  const row = reader.getRowObjectsJson()[0] ?? {};
  const results: RuleResult[] = [];
  // Sequential on purpose: one connection runs one query at a time.
  for (const [i, rule] of rules.entries()) {
    const applicable = Number(row[`a${i}`] ?? 0);
    const candidates = Number(row[`v${i}`] ?? 0);
    const found = rule.confirm === undefined || candidates === 0
      ? { violations: candidates, examples: toExamples(row[`e${i}`]) }
      : await confirmRule(db, rule.confirm, compileScan([rule]), bound, keep);
    results.push({
      id: rule.id, title: rule.title, severity: rule.severity, applicable, violations: found.violations,
      rate: applicable === 0 ? 0 : found.violations / applicable,
      examples: examples <= 0 ? [] : found.examples,
    });
  }
  return results;
}
