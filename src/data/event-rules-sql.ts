import { LIST, VARCHAR, listValue, type DuckDBConnection } from '@duckdb/node-api';
import { EVENT_FIELDS, type EventField, type EventRule } from './event-rules.js';

export interface RuleParams {
  /** Allowed language codes (uppercase); empty = only the format is checked. */
  languages: readonly string[];
  currencies: readonly string[];
  pointsOfSale: readonly string[];
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
 * ONE scan over the valid lines of `lines`: each field is extracted once, each rule becomes
 * a pair of FILTERed counts plus the first `examples` violations in (file, line) order.
 */
export function compileEventRules(rules: readonly EventRule[], examples: number): string {
  const fields = [...new Set<EventField>(rules.flatMap((r) => r.reads))];
  const extract = fields.map((f) => `${EVENT_FIELDS[f]} AS ${f}`);
  const flags = rules.flatMap((r, i) => [
    `coalesce(${r.appliesTo ?? 'true'}, false) AS a${i}`,
    `coalesce(${r.appliesTo ?? 'true'}, false) AND coalesce((${r.violation}), true) AS v${i}`,
    `left(CAST((${r.value}) AS VARCHAR), ${MAX_VALUE_CHARS}) AS x${i}`,
  ]);
  const aggregates = rules.flatMap((_r, i) => [
    `count(*) FILTER (WHERE a${i}) AS a${i}`,
    `count(*) FILTER (WHERE v${i}) AS v${i}`,
    `arg_min({'file': file, 'line': line, 'value': x${i}}, (file, line), ${examples}) FILTER (WHERE v${i}) AS e${i}`,
  ]);
  return `WITH p AS (SELECT $languages::VARCHAR[] AS allowed_languages,
      $currencies::VARCHAR[] AS allowed_currencies, $pos::VARCHAR[] AS allowed_pos),
    ev AS (SELECT file, line, raw::JSON AS j FROM lines WHERE valid),
    f AS (SELECT ev.file, ev.line, p.*${extract.map((e) => `, ${e}`).join('')} FROM ev, p),
    c AS (SELECT file, line, ${flags.join(',\n      ')} FROM f)
  SELECT ${aggregates.join(',\n    ')} FROM c`;
}

function toExamples(value: unknown): RuleExample[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { file, line, value: shown } = item as Record<string, unknown>;
    return [{ file: String(file), line: Number(line), value: typeof shown === 'string' ? shown : null }];
  });
}

/** Runs every rule over the `lines` table in one query. */
export async function runEventRules(
  db: DuckDBConnection, rules: readonly EventRule[], params: RuleParams, examples = 5,
): Promise<RuleResult[]> {
  if (rules.length === 0) return [];
  const list = LIST(VARCHAR);
  const reader = await db.runAndReadAll(
    compileEventRules(rules, Math.max(1, Math.trunc(examples))),
    { languages: listValue([...params.languages]), currencies: listValue([...params.currencies]), pos: listValue([...params.pointsOfSale]) },
    { languages: list, currencies: list, pos: list },
  );
  const row = reader.getRowObjectsJson()[0] ?? {};
  return rules.map((rule, i) => {
    const applicable = Number(row[`a${i}`] ?? 0);
    const violations = Number(row[`v${i}`] ?? 0);
    return {
      id: rule.id, title: rule.title, severity: rule.severity, applicable, violations,
      rate: applicable === 0 ? 0 : violations / applicable,
      examples: examples <= 0 ? [] : toExamples(row[`e${i}`]),
    };
  });
}
