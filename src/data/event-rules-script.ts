/**
 * Mixed languages: text whose writing system does not fit the event's `language`.
 *
 * Two steps, because DuckDB cannot call the JS detector (script.ts). SQL marks candidates: the text
 * holds at least one letter outside the language's scripts (RE2 classes like `\p{Cyrillic}`, with
 * script-neutral Common/Inherited letters ignored). That is a superset of what scriptMismatch flags,
 * which also needs more than half of the counted letters to be foreign and ignores SKUs, URLs and
 * one-letter tokens. event-rules-confirm.ts then judges each distinct (text, language) candidate in JS.
 */
import type { EventRule } from './event-rules-fields.js';
import { LANGUAGE_SCRIPTS, type Script } from './script.js';

/** The primary ISO 639-1 subtag, uppercased, like normaliseLanguage (`en-GB` -> `EN`). */
const LANG = "upper(split_part(replace(trim(language), '_', '-'), '-', 1))";

/** RE2 class: a letter of a script outside `expected` (neutral letters excluded). */
export function foreignLetterClass(expected: readonly Script[]): string {
  return `[^\\P{L}\\p{Common}\\p{Inherited}${expected.map((s) => `\\p{${s}}`).join('')}]`;
}

/** Languages grouped by their script set, so each branch of the CASE has one constant pattern. */
function languageGroups(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const [code, scripts] of LANGUAGE_SCRIPTS) {
    const pattern = foreignLetterClass(scripts);
    groups.set(pattern, [...(groups.get(pattern) ?? []), code]);
  }
  return groups;
}

const GROUPS = languageGroups();
const JUDGED = [...LANGUAGE_SCRIPTS.keys()].map((c) => `'${c}'`).join(', ');

/** SQL boolean: `text` has a letter foreign to the event's language (false for unjudged languages). */
export function foreignCandidate(text: string): string {
  const branches = [...GROUPS].map(([pattern, codes]) =>
    `WHEN ${LANG} IN (${codes.map((c) => `'${c}'`).join(', ')}) THEN regexp_matches(${text}, '${pattern}')`);
  return `coalesce(CASE ${branches.join(' ')} ELSE false END, false)`;
}

function scriptRule(id: string, title: string, field: 'page' | 'product_name', scope: string): EventRule {
  return {
    id, title, severity: 'warn', reads: ['type', 'language', field],
    appliesTo: `${scope} nullif(trim(${field}), '') IS NOT NULL AND language IS NOT NULL AND ${LANG} IN (${JUDGED})`,
    violation: foreignCandidate(field),
    value: field,
    confirm: { kind: 'script-mismatch', text: field, language: 'language' },
  };
}

export const SCRIPT_EVENT_RULES: readonly EventRule[] = [
  scriptRule('events/page-script', 'Page names are written in the event language', 'page', ''),
  scriptRule('events/product-name-script', 'ADD product names are written in the event language', 'product_name', "type = 'ADD' AND"),
];
