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

/** The primary ISO 639-1 subtag, uppercased, like normaliseLanguage (`en-GB` -> `EN`): field `language_code`. */
const LANG = 'language_code';

/**
 * SQL boolean: `code` is one of `codes` (letters only). A regex, not IN: RE2 settles it in one step,
 * where a long IN list is a comparison per entry (or, left to the optimizer, a join).
 */
function oneOf(code: string, codes: readonly string[]): string {
  return `regexp_full_match(${code}, '${codes.join('|')}')`;
}

const JUDGED = [...LANGUAGE_SCRIPTS.keys()];

/** Languages whose scripts include Latin: all-ASCII text cannot hold a letter foreign to them. */
const WITH_LATIN = [...LANGUAGE_SCRIPTS].filter(([, scripts]) => scripts.includes('Latin')).map(([code]) => code);

/** ASCII characters that are not letters: they never count for a script. */
const ASCII_NON_LETTERS = '\\x00-\\x40\\x5B-\\x60\\x7B-\\x7F';

/**
 * An RE2 class of the characters that can be a letter foreign to a language written in `scripts`:
 * anything but ASCII non-letters, script-neutral characters (Common, Inherited) and the
 * language's own scripts. A text without one cannot be judged foreign by scriptMismatch.
 */
function foreignClass(scripts: readonly string[]): string {
  return `[^${ASCII_NON_LETTERS}\\p{Common}\\p{Inherited}${scripts.map((s) => `\\p{${s}}`).join('')}]`;
}

/** Judged languages grouped by their scripts: one RE2 class per group. */
function groups(): { scripts: readonly string[]; codes: string[] }[] {
  const byScripts = new Map<string, { scripts: readonly string[]; codes: string[] }>();
  for (const [code, scripts] of LANGUAGE_SCRIPTS) {
    const key = scripts.join(',');
    const group = byScripts.get(key) ?? { scripts, codes: [] };
    group.codes.push(code);
    byScripts.set(key, group);
  }
  return [...byScripts.values()];
}

const GROUPS = groups();

/**
 * SQL boolean: `text` may have a letter foreign to the event's language (`lang`, normalised). Text
 * of ASCII only (as many bytes as characters) is settled by its letters, which are Latin; other text
 * is settled when it has no character outside the language's scripts and the neutral ones. Only
 * what is left goes to the JS judge (scriptMismatch), which caches its answer per (text, language).
 */
export function foreignCandidate(text: string, lang = LANG): string {
  const byGroup = GROUPS.map((g) => `WHEN ${oneOf(lang, g.codes)} THEN regexp_matches(${text}, '${foreignClass(g.scripts)}')`).join(' ');
  return `coalesce(CASE WHEN strlen(${text}) = length(${text})
    THEN NOT ${oneOf(lang, WITH_LATIN)} AND regexp_matches(${text}, '[A-Za-z]') ELSE CASE ${byGroup} ELSE true END END, false)`;
}

function scriptRule(id: string, title: string, field: 'page' | 'product_name', scope: string): EventRule {
  return {
    id, title, severity: 'warn', reads: ['type', 'language', 'language_code', field],
    appliesTo: `${scope} nullif(trim(${field}), '') IS NOT NULL AND language IS NOT NULL AND ${oneOf(LANG, JUDGED)}`,
    // CASE, not AND: DuckDB may reorder the operands of AND, and the JS judge must only see candidates.
    violation: `CASE WHEN ${foreignCandidate(field)} THEN golive_script_mismatch(${field}, language) IS NOT NULL ELSE false END`,
    value: `golive_script_mismatch(${field}, language) || ': ' || ${field}`,
  };
}

export const SCRIPT_EVENT_RULES: readonly EventRule[] = [
  scriptRule('events/page-script', 'Page names are written in the event language', 'page', ''),
  scriptRule('events/product-name-script', 'ADD product names are written in the event language', 'product_name', "type = 'ADD' AND"),
];
