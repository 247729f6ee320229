/**
 * Pinned ISO code lists for event fields. CDP wants `language` as uppercase ISO 639-1 (`EN`) and
 * `currency` as uppercase ISO 4217 (`EUR`).
 *
 * The lists come from npm packages pinned in package.json, never from the runtime's Intl/ICU: ICU
 * data changes with the Node build (Node 20.20 / ICU 78 lists 162 currencies, without XXX, and
 * Intl.DisplayNames also accepts 3-letter language codes), so results would drift between machines.
 *   - iso-639-1@3.1.6      -> 183 language codes
 *   - currency-codes@2.2.0 -> 179 currency codes (ISO 4217 list one, published 2024-06-25)
 * codes.test.ts pins both sizes, so an upgrade that changes a list fails a test on purpose.
 */
import ISO6391 from 'iso-639-1';
import { codes as isoCurrencyCodes, publishDate } from 'currency-codes';

/** ISO 639-1 codes, uppercase as CDP events carry them, sorted. Ready for SQL `IN (...)` lists. */
export const LANGUAGE_CODES: readonly string[] = Object.freeze(ISO6391.getAllCodes().map((c) => c.toUpperCase()).sort());
/** ISO 4217 active codes (list one), uppercase, sorted. */
export const CURRENCY_CODES: readonly string[] = Object.freeze([...isoCurrencyCodes()].map((c) => c.toUpperCase()).sort());
/** Publication date of the ISO 4217 list inside currency-codes, for data-freshness notes. */
export const CURRENCY_LIST_PUBLISHED: string = publishDate;

/**
 * Codes that are valid ISO 4217 but are not money a shop charges in: precious metals, bond-market
 * units, SDR-like units, the testing code XTS and "no currency" XXX. In an event they mean a
 * placeholder or a mapping bug, so they earn a warning, not a pass.
 */
export const NON_MONEY_CURRENCY_CODES: readonly string[] = Object.freeze(['XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX']);

const LANGUAGES = new Set(LANGUAGE_CODES);
const CURRENCIES = new Set(CURRENCY_CODES);
const NON_MONEY = new Set(NON_MONEY_CURRENCY_CODES);

/** True if `code` is an ISO 639-1 code in either case (`en`, `EN`). Use checkLanguage for CDP's casing. */
export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2}$/i.test(code) && LANGUAGES.has(code.toUpperCase());
}

/** True if `code` is an ISO 4217 code in either case. Use checkCurrency for CDP's casing. */
export function isCurrencyCode(code: string): boolean {
  return /^[a-z]{3}$/i.test(code) && CURRENCIES.has(code.toUpperCase());
}

/**
 * The CDP form of a language value: the primary subtag of a locale tag, uppercased, as the Cloud
 * SDK derives it from `<html lang>` (`en-GB` -> `EN`, `pt_BR` -> `PT`, ` de ` -> `DE`).
 * Null when the primary subtag is not an ISO 639-1 code (`eng`, `xx`, ``).
 */
export function normaliseLanguage(value: string): string | null {
  const primary = value.trim().split(/[-_]/, 1)[0] ?? '';
  return isLanguageCode(primary) ? primary.toUpperCase() : null;
}

/** The CDP form of a currency value (trimmed, uppercased), or null when it is not ISO 4217. */
export function normaliseCurrency(value: string): string | null {
  const code = value.trim();
  return isCurrencyCode(code) ? code.toUpperCase() : null;
}

/** What is wrong with a code value. `code` is a stable kebab-case id for findings. */
export interface CodeIssue {
  code: 'missing' | 'not-a-string' | 'not-uppercase' | 'not-iso-639-1' | 'not-iso-4217' | 'not-money';
  severity: 'fail' | 'warn';
  message: string;
  hint: string;
  /** The value CDP expects, when the given one can be mapped to it (`en-GB` -> `EN`). */
  suggestion?: string;
}

const withSuggestion = (issue: CodeIssue, suggestion: string | null): CodeIssue => (suggestion ? { ...issue, suggestion } : issue);

function basicIssue(value: unknown, field: string): CodeIssue | string {
  if (value === undefined || value === null || value === '') {
    return { code: 'missing', severity: 'fail', message: `${field} is missing`, hint: `send ${field} on every event` };
  }
  if (typeof value !== 'string') {
    return { code: 'not-a-string', severity: 'fail', message: `${field} is a ${typeof value}, not a string`, hint: `send ${field} as a string code` };
  }
  return value;
}

/** Null when `value` is what CDP wants in `language` (uppercase ISO 639-1), else the issue. */
export function checkLanguage(value: unknown): CodeIssue | null {
  const text = basicIssue(value, 'language');
  if (typeof text !== 'string') return text;
  const normal = normaliseLanguage(text);
  if (normal !== null && normal === text) return null;
  if (normal !== null && normal === text.toUpperCase()) {
    return { code: 'not-uppercase', severity: 'fail', message: `language "${text}": uppercase expected (${normal})`, hint: `uppercase the ISO 639-1 code before sending: ${normal}`, suggestion: normal };
  }
  return withSuggestion({ code: 'not-iso-639-1', severity: 'fail', message: `language "${text}" is not an uppercase ISO 639-1 code`, hint: 'send the two-letter ISO 639-1 code in uppercase, e.g. EN (not en-GB, ENG or English)' }, normal);
}

/** Null when `value` is what CDP wants in `currency` (uppercase ISO 4217, real money), else the issue. */
export function checkCurrency(value: unknown): CodeIssue | null {
  const text = basicIssue(value, 'currency');
  if (typeof text !== 'string') return text;
  const normal = normaliseCurrency(text);
  if (normal === null) {
    return { code: 'not-iso-4217', severity: 'fail', message: `currency "${text}" is not an ISO 4217 code`, hint: 'send the three-letter ISO 4217 code in uppercase, e.g. EUR (not € or euro)' };
  }
  if (normal !== text) {
    return { code: 'not-uppercase', severity: 'fail', message: `currency "${text}": uppercase expected (${normal})`, hint: `send the code exactly as ${normal}`, suggestion: normal };
  }
  if (NON_MONEY.has(normal)) {
    return { code: 'not-money', severity: 'warn', message: `currency ${normal} is an ISO 4217 code for no real money (test, metal or unit)`, hint: 'send the currency the price is charged in; XTS/XXX usually mark a placeholder' };
  }
  return null;
}
