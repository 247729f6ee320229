// Pure: the RFC 7208 §12 grammar, checked over the whole record. Evaluation (mailauth) stops at the
// first match or at `all` and skips exp=, but §4.6 makes a syntax error *anywhere* a permerror,
// and strict receivers (pyspf, libspf2) do report it. Each check is a row in a table.
import { parseSpf, type SpfTerm } from './spf-parse.js';

const MACRO = String.raw`%\{([slodiphcrtv])(\d*)(r?)([.\-+,/_=]*)\}|%%|%_|%-|[\x21-\x24\x26-\x7e]`;
/** Macro letters allowed in a domain-spec; c, r and t belong to explanation text only (§7.2). */
const DOMAIN_LETTERS = new Set(['s', 'l', 'o', 'd', 'i', 'p', 'h', 'v']);
const TOPLABEL = /^(?:[a-z0-9]*[a-z][a-z0-9]*|[a-z0-9]+-[a-z0-9-]*[a-z0-9])$/i;
const QNUM = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IP4 = new RegExp(`^${QNUM}(?:\\.${QNUM}){3}$`);

/** Problems with a macro-string, or null: the tokens must cover it, and macro letters must be allowed. */
function macroStringError(text: string, letters: Set<string> | null): string | null {
  const tokens = new RegExp(MACRO, 'giy');
  let consumed = 0;
  for (let m = tokens.exec(text); m; m = tokens.exec(text)) {
    consumed = tokens.lastIndex;
    const letter = m[1]?.toLowerCase();
    if (letter && letters && !letters.has(letter)) return `macro letter "${letter}" is not allowed here`;
    if (m[2] && Number(m[2]) === 0) return 'a macro\'s digit transformer must be non-zero';
  }
  return consumed === text.length ? null : `invalid character or macro at "${text.slice(consumed)}"`;
}

/** domain-spec = macro-string domain-end; domain-end = "." toplabel ["."] / macro-expand. */
function domainSpecError(spec: string): string | null {
  if (spec === '') return 'empty domain';
  const macro = macroStringError(spec, DOMAIN_LETTERS);
  if (macro) return macro;
  if (/(%\{[^}]*\}|%%|%_|%-)$/.test(spec)) return null;
  const labels = spec.replace(/\.$/, '').split('.');
  const top = labels.pop() ?? '';
  return labels.length > 0 && TOPLABEL.test(top) ? null : `"${spec}" does not end in a valid top label`;
}

const ip6Valid = (text: string) => {
  if (!/^[0-9a-f:.]*:[0-9a-f:.]*$/i.test(text)) return false;
  try {
    return new URL(`http://[${text}]/`).hostname.length > 2;
  } catch {
    return false;
  }
};

type Check = (rest: string) => string | null;

/** The part after "name:", or an error when the colon (and so the required value) is missing. */
const required = (check: Check): Check => (rest) => (rest.startsWith(':') ? check(rest.slice(1)) : 'a value after ":" is required');

/** a and mx: [":" domain-spec] [ip4-cidr-length] ["/" ip6-cidr-length]. */
const domainWithCidr: Check = (rest) => {
  const m = /^(:.*?)?(?:\/(0|[1-9]\d*))?(?:\/\/(0|[1-9]\d*))?$/.exec(rest);
  if (!m) return `invalid CIDR length in "${rest}"`;
  if (Number(m[2] ?? 0) > 32 || Number(m[3] ?? 0) > 128) return `CIDR length out of range in "${rest}"`;
  return m[1] === undefined ? null : domainSpecError(m[1].slice(1));
};

/** ip4/ip6: network [/cidr] with the CIDR in range and no leading zeros. */
const network = (valid: (addr: string) => boolean, maxCidr: number): Check =>
  required((value) => {
    const m = /^([^/]*)(?:\/(0|[1-9]\d*))?$/.exec(value);
    return m && valid(m[1]!) && Number(m[2] ?? 0) <= maxCidr ? null : `invalid network "${value}"`;
  });

const MECHANISMS: Record<string, Check> = {
  all: (rest) => (rest === '' ? null : '"all" takes no value'),
  include: required(domainSpecError),
  exists: required(domainSpecError),
  a: domainWithCidr,
  mx: domainWithCidr,
  ptr: (rest) => (rest === '' ? null : required(domainSpecError)(rest)),
  ip4: network((a) => IP4.test(a), 32),
  ip6: network(ip6Valid, 128),
};

const MODIFIERS: Record<string, (value: string) => string | null> = { redirect: domainSpecError, exp: domainSpecError };

function termError(term: SpfTerm): string | null {
  if (term.kind === 'modifier') {
    const check = MODIFIERS[term.name];
    return check ? check(term.value) : macroStringError(term.value, null);
  }
  const check = MECHANISMS[term.name];
  return check ? check(term.rest) : `unknown mechanism "${term.name}"`;
}

/** Every grammar violation in an SPF record (RFC 7208 §4.6, §6, §7.1, §12), each as "term: problem". */
export function spfSyntaxErrors(record: string): string[] {
  if (/[^\x20-\x7e]/.test(record)) return ['the record contains characters outside printable ASCII'];
  const terms = parseSpf(record);
  const errors = terms.flatMap((t) => {
    const error = termError(t);
    return error ? [`${t.kind === 'modifier' ? `${t.name}=${t.value}` : `${t.name}${t.rest}`}: ${error}`] : [];
  });
  for (const name of ['redirect', 'exp']) {
    if (terms.filter((t) => t.kind === 'modifier' && t.name === name).length > 1) errors.push(`${name}=: appears more than once`);
  }
  return errors;
}
