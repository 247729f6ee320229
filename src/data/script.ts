/**
 * Which writing system a text is in, and whether that fits the event's declared language: a page
 * name in Cyrillic on an event declared EN means the site sends the wrong `language` (or a
 * hard-coded one), and CDP segments and Personalize decisions by language then go wrong.
 *
 * Scripts come from Unicode property escapes (`\p{Script=...}`) in the JS engine's regex tables,
 * which only grow between Unicode versions for these long-standing scripts.
 */
import { normaliseLanguage } from './codes.js';

/** Scripts this module recognises, in tie-break order. 'Other' = a letter of any other script. */
export const SCRIPTS = [
  'Latin', 'Cyrillic', 'Arabic', 'Hebrew', 'Greek', 'Han', 'Hiragana', 'Katakana', 'Hangul', 'Thai',
  'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam',
  'Sinhala', 'Armenian', 'Georgian', 'Ethiopic', 'Khmer', 'Lao', 'Myanmar', 'Tibetan', 'Thaana', 'Mongolian',
] as const;
export type Script = (typeof SCRIPTS)[number] | 'Other';

const SCRIPT_TESTS: readonly (readonly [Script, RegExp])[] = SCRIPTS.map((s) => [s, new RegExp(`^\\p{Script=${s}}$`, 'u')] as const);
/** Letters shared by scripts (e.g. the Japanese long-vowel mark ー) say nothing about the script. */
const NEUTRAL_LETTER = /^[\p{Script=Common}\p{Script=Inherited}]$/u;
const LETTER = /\p{L}/gu;
const DIGIT = /\p{Nd}/u;
/** A URL, a bare www host or an e-mail address: their letters are technical, not prose. */
const TECHNICAL_TOKEN = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)|^[^@\s]+@[^@\s]+\.[^@\s]+$/i;
/** Scripts written without spaces or with one syllable per character: one letter is a word. */
const DENSE: ReadonlySet<Script> = new Set<Script>(['Han', 'Hiragana', 'Katakana', 'Hangul']);
/** Tokens with fewer letters than this are ignored (initials, sizes like "M", stray letters). */
export const MIN_TOKEN_LETTERS = 2;

const cache = new Map<string, Script | null>();

/** The script of one letter, 'Other' for an unlisted script, null for a script-neutral letter. */
function scriptOfLetter(letter: string): Script | null {
  if (letter <= 'z' && /[A-Za-z]/.test(letter)) return 'Latin';
  const known = cache.get(letter);
  if (known !== undefined) return known;
  const found = NEUTRAL_LETTER.test(letter) ? null : (SCRIPT_TESTS.find(([, re]) => re.test(letter))?.[0] ?? 'Other');
  if (cache.size < 10_000) cache.set(letter, found);
  return found;
}

function countToken(token: string, counts: Map<Script, number>): void {
  if (DIGIT.test(token) || TECHNICAL_TOKEN.test(token)) return; // SKUs, sizes, model numbers, links
  const letters: Script[] = [];
  for (const [letter] of token.matchAll(LETTER)) {
    const script = scriptOfLetter(letter);
    if (script !== null) letters.push(script);
  }
  if (letters.length === 0) return;
  if (letters.length < MIN_TOKEN_LETTERS && !DENSE.has(letters[0] as Script)) return;
  for (const s of letters) counts.set(s, (counts.get(s) ?? 0) + 1);
}

/**
 * Letters per script in `text`, after dropping what is not prose: digits, punctuation, emoji and
 * symbols (not letters), tokens with a digit (SKUs like `AB-1234`, `42EU`), URLs and e-mail
 * addresses, and tokens of fewer than MIN_TOKEN_LETTERS letters outside Han/kana/Hangul.
 */
export function scriptCounts(text: string): Map<Script, number> {
  const counts = new Map<Script, number>();
  for (const token of text.split(/\s+/u)) {
    if (token !== '') countToken(token, counts);
  }
  return counts;
}

/**
 * The script with the most letters in `text` (a plurality; ties go to the earlier entry of SCRIPTS),
 * or null when no letter counts. Japanese mixes Han and kana, so a plurality, not a majority.
 */
export function dominantScript(text: string): Script | null {
  return pickDominant(scriptCounts(text));
}

function pickDominant(counts: ReadonlyMap<Script, number>): Script | null {
  let best: Script | null = null;
  let bestCount = 0;
  for (const script of [...SCRIPTS, 'Other'] as const) {
    const n = counts.get(script) ?? 0;
    if (n > bestCount) [best, bestCount] = [script, n];
  }
  return best;
}

const L: readonly Script[] = ['Latin'];
const CYR: readonly Script[] = ['Cyrillic'];
const CYR_LAT: readonly Script[] = ['Cyrillic', 'Latin'];
const AR: readonly Script[] = ['Arabic'];
const DEV: readonly Script[] = ['Devanagari'];
const LATIN_LANGUAGES = 'AF AN AY BR BS CA CH CO CS CY DA DE EN EO ES ET EU FI FJ FO FR FY GA GD GL GN GV HA HR HT HU ID IG IO IS IT JV KL KW LA LB LG LN LT LU LV MG MH MI MS MT NB NL NN NO NY OC OM PL PT QU RM RN RO RW SE SG SK SL SM SN SO SQ SS ST SU SV SW TK TL TN TO TR TS TW TY VE VI WA WO XH YO ZA ZU';

/**
 * The scripts each language is normally written in (ISO 639-1, uppercase). Languages missing here
 * are not judged. Latin is not assumed acceptable for other languages: the Cloud SDK's default page
 * name "Home Page" in a RU event is a real finding (untranslated page names).
 */
export const LANGUAGE_SCRIPTS: ReadonlyMap<string, readonly Script[]> = new Map<string, readonly Script[]>([
  ...LATIN_LANGUAGES.split(' ').map((code) => [code, L] as const),
  ['SR', CYR_LAT], ['UZ', CYR_LAT], ['AZ', CYR_LAT], ['KK', CYR_LAT], ['TT', CYR_LAT],
  ...'RU UK BG BE MK KY TG CV BA CE OS KV'.split(' ').map((code) => [code, CYR] as const),
  ['MN', ['Cyrillic', 'Mongolian']],
  ...'AR FA UR PS SD UG'.split(' ').map((code) => [code, AR] as const),
  ['KU', ['Arabic', 'Latin']], ['KS', ['Arabic', 'Devanagari']], ['PA', ['Gurmukhi', 'Arabic']],
  ['HE', ['Hebrew']], ['YI', ['Hebrew']], ['EL', ['Greek']],
  ['JA', ['Han', 'Hiragana', 'Katakana']], ['ZH', ['Han']], ['KO', ['Hangul', 'Han']],
  ['TH', ['Thai']], ...'HI MR NE SA'.split(' ').map((code) => [code, DEV] as const),
  ['BN', ['Bengali']], ['AS', ['Bengali']], ['GU', ['Gujarati']], ['OR', ['Oriya']], ['TA', ['Tamil']],
  ['TE', ['Telugu']], ['KN', ['Kannada']], ['ML', ['Malayalam']], ['SI', ['Sinhala']],
  ['HY', ['Armenian']], ['KA', ['Georgian']], ['AM', ['Ethiopic']], ['TI', ['Ethiopic']],
  ['KM', ['Khmer']], ['LO', ['Lao']], ['MY', ['Myanmar']], ['BO', ['Tibetan']], ['DZ', ['Tibetan']], ['DV', ['Thaana']],
]);

/** A text is judged foreign when more than this share of its counted letters is in foreign scripts. */
export const MISMATCH_THRESHOLD = 0.5;

export interface ScriptMismatch {
  /** The foreign script with the most letters. */
  script: Script;
  /** The declared language, normalised (`en-GB` -> `EN`). */
  language: string;
  /** Scripts the language is written in. */
  expected: readonly Script[];
  /** Share of counted letters in scripts foreign to the language, 0..1. */
  foreignShare: number;
  letters: number;
  message: string;
}

/**
 * Null when `text` fits `language`, has no countable letters, or the language is unknown or not in
 * LANGUAGE_SCRIPTS. Otherwise the mismatch, e.g. "text in Cyrillic in an event declared EN".
 */
export function scriptMismatch(text: string, language: string): ScriptMismatch | null {
  const code = normaliseLanguage(language);
  const expected = code === null ? undefined : LANGUAGE_SCRIPTS.get(code);
  if (code === null || expected === undefined) return null;
  const counts = scriptCounts(text);
  const foreign = new Map([...counts].filter(([s]) => !expected.includes(s)));
  const letters = [...counts.values()].reduce((a, b) => a + b, 0);
  const foreignLetters = [...foreign.values()].reduce((a, b) => a + b, 0);
  const script = pickDominant(foreign);
  if (script === null || foreignLetters / letters <= MISMATCH_THRESHOLD) return null;
  const foreignShare = Math.round((foreignLetters / letters) * 1000) / 1000;
  return { script, language: code, expected, foreignShare, letters, message: `text in ${script} in an event declared ${code}` };
}
