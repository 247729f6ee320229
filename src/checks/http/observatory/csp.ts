import { cspPolicies, parseCsp, parseCspMeta, type Csp } from './csp-parse.js';
import type { ObsInput, TestOutcome } from './types.js';
import { header } from './types.js';

/**
 * The Observatory's Content Security Policy test (src/analyzer/tests/csp.js, 1.4.8) re-expressed:
 * the first problem found, in its order of checks, decides the result. Pure.
 */

const BROAD = new Set(['ftp:', 'http:', 'https:', '*', 'http://*', 'http://*.*', 'https://*', 'https://*.*']);
const INLINE = new Set(["'unsafe-inline'", 'data:']);
const BROAD_OR_INLINE = new Set([...BROAD, ...INLINE]);
const PASSIVE = new Set(['img-src', 'media-src']);
const NONCE_OR_HASH = ["'sha256-", "'sha384-", "'sha512-", "'nonce-"];

export interface CspPolicyFlags {
  antiClickjacking: boolean;
  defaultNone: boolean;
  insecureBaseUri: boolean;
  insecureFormAction: boolean;
  insecureSchemeActive: boolean;
  insecureSchemePassive: boolean;
  strictDynamic: boolean;
  unsafeEval: boolean;
  unsafeInline: boolean;
  unsafeInlineStyle: boolean;
  unsafeObjects: boolean;
}

export interface CspOutcome extends TestOutcome {
  /** The merged policy, directive -> sorted sources, when one was found. */
  policy?: Record<string, string[]>;
  flags?: CspPolicyFlags;
}

const hasNonceOrHash = (sources: Set<string>) => [...sources].some((s) => NONCE_OR_HASH.some((p) => s.startsWith(p)));
const any = (sources: Iterable<string>, set: Set<string>) => [...sources].some((s) => set.has(s));
const insecure = (s: string) => s.startsWith('http:') || s.startsWith('ftp:');

function tryParse(list: string[], meta = false): Csp | null {
  try {
    return meta ? parseCspMeta(list) : parseCsp(list).csp;
  } catch {
    return null;
  }
}

/** Applies nonce/hash and 'strict-dynamic' semantics to script-src and style-src, in place like the original. Returns false when strict-dynamic lacks a nonce or hash. */
function relax(script: Set<string>, style: Set<string>, flags: CspPolicyFlags): boolean {
  for (const list of [script, style]) if (hasNonceOrHash(list) && list.has("'unsafe-inline'")) list.delete("'unsafe-inline'");
  if (!script.has("'strict-dynamic'")) return true;
  if (!hasNonceOrHash(script)) return false;
  for (const s of script) if ([...BROAD].some((b) => s.startsWith(b)) || s === "'self'" || s === "'unsafe-inline'") script.delete(s);
  flags.strictDynamic = true;
  return true;
}

function analyse(csp: Csp, headerOnly: Csp, secure: boolean): { result: string; flags: CspPolicyFlags } {
  const star = () => new Set(['*']);
  const objectSrc = csp.get('object-src') ?? csp.get('default-src') ?? star();
  const scriptSrc = csp.get('script-src') ?? csp.get('default-src') ?? star();
  const styleSrc = csp.get('style-src') ?? csp.get('default-src') ?? star();
  const flags: CspPolicyFlags = { antiClickjacking: false, defaultNone: false, insecureBaseUri: false, insecureFormAction: false, insecureSchemeActive: false, insecureSchemePassive: false, strictDynamic: false, unsafeEval: false, unsafeInline: false, unsafeInlineStyle: false, unsafeObjects: false };
  let result: string | null = relax(scriptSrc, styleSrc, flags) ? null : 'csp-header-invalid';
  const active = [...[...csp.entries()].filter(([d]) => !PASSIVE.has(d) && d !== 'script-src').flatMap(([, s]) => [...s]), ...scriptSrc];
  const passive = [...PASSIVE].flatMap((d) => [...(csp.get(d) ?? csp.get('default-src') ?? [])]);
  const checks: [keyof CspPolicyFlags, boolean, string][] = [
    ['unsafeInline', any(scriptSrc, BROAD_OR_INLINE) || any(objectSrc, BROAD), 'csp-implemented-with-unsafe-inline'],
    ['insecureSchemeActive', secure && active.some(insecure), 'csp-implemented-with-insecure-scheme'],
    ['unsafeEval', scriptSrc.has("'unsafe-eval'") || styleSrc.has("'unsafe-eval'"), 'csp-implemented-with-unsafe-eval'],
    ['insecureSchemePassive', secure && passive.some(insecure), 'csp-implemented-with-insecure-scheme-in-passive-content-only'],
    ['unsafeInlineStyle', any(styleSrc, BROAD_OR_INLINE), 'csp-implemented-with-unsafe-inline-in-style-src-only'],
  ];
  for (const [flag, hit, expectation] of checks) {
    if (!hit) continue;
    flags[flag] = true;
    result ??= expectation;
  }
  const def = csp.get('default-src');
  flags.defaultNone = def !== undefined && def.has("'none'") && def.size === 1;
  result ??= flags.defaultNone ? 'csp-implemented-with-no-unsafe-default-src-none' : 'csp-implemented-with-no-unsafe';
  flags.antiClickjacking = !any(headerOnly.get('frame-ancestors') ?? star(), BROAD);
  flags.insecureBaseUri = any(csp.get('base-uri') ?? star(), BROAD_OR_INLINE);
  flags.insecureFormAction = any(csp.get('form-action') ?? star(), BROAD);
  flags.unsafeObjects = any(objectSrc, BROAD);
  return { result, flags };
}

const PASSING = new Set(['csp-implemented-with-no-unsafe', 'csp-implemented-with-no-unsafe-default-src-none', 'csp-implemented-with-unsafe-inline-in-style-src-only', 'csp-implemented-with-insecure-scheme-in-passive-content-only']);

export function cspTest(input: ObsInput): CspOutcome {
  const httpList = cspPolicies(header(input.headers, 'content-security-policy'));
  const parsed = (() => {
    try {
      return parseCsp([...httpList, ...input.metaCsp]);
    } catch {
      return null;
    }
  })();
  if (!parsed) return { test: 'content-security-policy', result: 'csp-header-invalid', pass: false };
  const headerOnly = tryParse(httpList) ?? new Map();
  const meta = tryParse(input.metaCsp, true) ?? new Map();
  if (headerOnly.size + meta.size === 0) {
    const reportOnly = header(input.headers, 'content-security-policy-report-only');
    return { test: 'content-security-policy', result: reportOnly ? 'csp-not-implemented-but-reporting-enabled' : 'csp-not-implemented', pass: false };
  }
  const { result, flags } = analyse(parsed.csp, headerOnly, input.secure);
  const pass = PASSING.has(result);
  const policy = Object.fromEntries([...parsed.csp.entries()].map(([d, s]) => [d, [...s].sort()]));
  return { test: 'content-security-policy', result: pass && parsed.duplicates.size > 0 ? 'csp-implemented-but-duplicate-directives' : result, pass, policy, flags };
}
