/**
 * Second step for rules whose SQL only finds candidates (see event-rules-script.ts): fetch each
 * distinct (text, language) candidate once with its count and first examples, judge it in JS, and
 * keep the confirmed ones. Distinct pairs are bounded by the site's page and product names, not by
 * the number of events.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ScriptConfirm } from './event-rules-fields.js';
import type { BoundParams, RuleExample } from './event-rules-sql.js';
import { scriptMismatch } from './script.js';

export interface Confirmed {
  violations: number;
  examples: RuleExample[];
}

/** Text shown in examples is cut to this many characters (as MAX_VALUE_CHARS in event-rules-sql.ts). */
const SHOWN_CHARS = 200;

/** kind -> a message when (text, language) really breaks the rule, else null. */
const JUDGES: Record<ScriptConfirm['kind'], (text: string, language: string) => string | null> = {
  'script-mismatch': (text, language) => scriptMismatch(text, language)?.message ?? null,
};

function positions(value: unknown): { file: string; line: number }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { file, line } = item as Record<string, unknown>;
    return [{ file: String(file), line: Number(line) }];
  });
}

function byPosition(a: RuleExample, b: RuleExample): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line;
}

/**
 * `scan` is compileScan([rule]), so the rule's columns are v0 (candidate), t0 (text) and k0 (language).
 * Returns the confirmed count and the first `examples` confirmed events in (file, line) order.
 */
export async function confirmRule(
  db: DuckDBConnection, confirm: ScriptConfirm, scan: string, bound: BoundParams, examples: number,
): Promise<Confirmed> {
  const sql = `${scan}
  SELECT t0 AS text, k0 AS language, count(*) AS n,
    arg_min({'file': file, 'line': line}, (file, line), ${examples}) AS ex
  FROM c WHERE v0 AND t0 IS NOT NULL AND k0 IS NOT NULL GROUP BY t0, k0`;
  const rows = (await db.runAndReadAll(sql, bound.values, bound.types)).getRowObjectsJson();
  const judge = JUDGES[confirm.kind];
  let violations = 0;
  const found: RuleExample[] = [];
  for (const row of rows) {
    const text = String(row.text);
    const message = judge(text, String(row.language));
    if (message === null) continue;
    violations += Number(row.n);
    const value = `${message}: ${text}`.slice(0, SHOWN_CHARS);
    found.push(...positions(row.ex).map((p) => ({ ...p, value })));
  }
  return { violations, examples: found.sort(byPosition).slice(0, examples) };
}
