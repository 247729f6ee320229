/**
 * Mixed languages: text whose writing system does not fit the event's `language`.
 *
 * Two steps in the same scan. SQL settles ASCII-only text (a Latin-script language never finds it
 * foreign; another language does when it has a letter); every other text is judged by scriptMismatch
 * (script.ts) through the scalar function golive_script_mismatch (event-rules-functions.ts), which
 * caches its answer per distinct (text, language), so it runs once per page or product name.
 */
import type { EventRule } from './event-rules-fields.js';
import { LANGUAGE_SCRIPTS } from './script.js';

/** The primary ISO 639-1 subtag, uppercased, like normaliseLanguage (`en-GB` -> `EN`). */
const LANG = "upper(split_part(replace(trim(language), '_', '-'), '-', 1))";

const JUDGED = [...LANGUAGE_SCRIPTS.keys()].map((c) => `'${c}'`).join(', ');

/** Languages whose scripts include Latin: all-ASCII text cannot hold a letter foreign to them. */
const WITH_LATIN = [...LANGUAGE_SCRIPTS].filter(([, scripts]) => scripts.includes('Latin')).map(([code]) => `'${code}'`).join(', ');

/**
 * SQL boolean: `text` may have a letter foreign to the event's language. Text of ASCII only (as many
 * bytes as characters) is settled in SQL: its only letters are Latin ones. Any other text goes to
 * the JS judge, which caches its answer per (text, language); RE2's Unicode script classes were
 * slower than that.
 */
export function foreignCandidate(text: string): string {
  return `coalesce(CASE WHEN strlen(${text}) = length(${text})
    THEN ${LANG} NOT IN (${WITH_LATIN}) AND regexp_matches(${text}, '[A-Za-z]') ELSE true END, false)`;
}

function scriptRule(id: string, title: string, field: 'page' | 'product_name', scope: string): EventRule {
  return {
    id, title, severity: 'warn', reads: ['type', 'language', field],
    appliesTo: `${scope} nullif(trim(${field}), '') IS NOT NULL AND language IS NOT NULL AND ${LANG} IN (${JUDGED})`,
    // CASE, not AND: DuckDB may reorder the operands of AND, and the JS judge must only see candidates.
    violation: `CASE WHEN ${foreignCandidate(field)} THEN golive_script_mismatch(${field}, language) IS NOT NULL ELSE false END`,
    value: `golive_script_mismatch(${field}, language) || ': ' || ${field}`,
  };
}

export const SCRIPT_EVENT_RULES: readonly EventRule[] = [
  scriptRule('events/page-script', 'Page names are written in the event language', 'page', ''),
  scriptRule('events/product-name-script', 'ADD product names are written in the event language', 'product_name', "type = 'ADD' AND"),
];
