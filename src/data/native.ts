/**
 * The native event engine: `golive data validate --kind events` on NDJSON files (plain or gzip), judged
 * by native/events (C++ over simdjson, built by scripts/build-native.mjs) on all cores instead of
 * DuckDB SQL. Both engines implement the same rules (src/data/event-rules*.ts holds the definitions
 * and the SQL; native/events/rules.cc the same checks in C++) and give the same results, which
 * src/data/native.test.ts holds them to, rule by rule and on whole exports. The few verdicts that
 * need JS (a text's script, non-ASCII case) come back as distinct values and are judged here with
 * the same functions the SQL calls.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { concreteRules, MAX_VALUE_CHARS, ruleResult, type RuleExample, type RuleResult } from './rule-results.js';
import { ADD_PRODUCT_FIELDS, CHANNELS, EVENT_RULES, type EventRule, type RuleParams } from './event-rules.js';
import { CHECKOUT_STATUSES, MAX_EXT_KEYS, PLATFORM_EVENT_TYPES, RESERVED_EVENT_TYPES, RESERVED_PREFIX } from './event-rules-journey.js';
import { DEFAULT_MAX_LINE_BYTES, fileAccessProblem, type FileRead } from './read.js';
import { LANGUAGE_SCRIPTS, scriptMismatch } from './script.js';
import type { InvalidLine, ValidateOptions, ValidationResult } from './validate.js';

type Position = [f: number, line: number];
interface NativeFile { lines: number; valid: number; invalidCount: number; invalid: [number, string][]; error?: string }
interface NativeRule {
  applicable: number;
  violations: number;
  examples: [f: number, line: number, value: string | null][];
  /** Distinct inputs JS judges: [a, b, events, first positions]. */
  deferred: [a: string, b: string, count: number, at: Position[]][];
}
interface NativeResult { files: NativeFile[]; rules: NativeRule[] }
interface NativeModule {
  validate(config: object): Promise<NativeResult>;
  /** The rule ids the built engine implements (rules.cc KINDS). */
  ruleIds: readonly string[];
}

const ADDON = fileURLToPath(new URL('../../native/build/golive_events.node', import.meta.url));
let loaded: { module?: NativeModule; problem?: string } | undefined;

/** The built native engine, or why it is not there (not built, or it cannot load here). */
export function nativeEngine(): { module?: NativeModule; problem?: string } {
  if (loaded === undefined) {
    try {
      loaded = { module: createRequire(import.meta.url)(ADDON) as NativeModule };
    } catch (err) {
      const first = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
      loaded = { problem: first.includes('Cannot find module') ? 'it was not built (npm run build needs g++, libsimdjson-dev and zlib1g-dev)' : `it does not load: ${first}` };
    }
  }
  return loaded;
}

/** Whether the built engine knows every one of these rules (a rule it lacks sends auto to DuckDB). */
export function nativeCovers(module: NativeModule, rules: readonly EventRule[]): boolean {
  return rules.every((r) => module.ruleIds.includes(r.id));
}

/** The JS verdict on a deferred input: the shown value when the event breaks the rule, else null. */
function judgeDeferred(rule: EventRule, a: string, b: string): string | null {
  if (rule.id === 'events/type-uppercase') return a === a.toUpperCase() ? null : a;
  const mismatch = scriptMismatch(a, b);
  return mismatch === null ? null : `${mismatch.message}: ${a}`;
}

const shorten = (value: string | null): string | null => {
  if (value === null || value.length <= MAX_VALUE_CHARS) return value;
  return Array.from(value).slice(0, MAX_VALUE_CHARS).join('');
};

function toRule(rule: EventRule, r: NativeRule, files: readonly string[], examples: number): RuleResult {
  let violations = r.violations;
  const found: { f: number; line: number; value: string | null }[] = r.examples.map(([f, line, value]) => ({ f, line, value }));
  for (const [a, b, count, at] of r.deferred) {
    const value = judgeDeferred(rule, a, b);
    if (value === null) continue;
    violations += count;
    for (const [f, line] of at) found.push({ f, line, value });
  }
  found.sort((x, y) => x.f - y.f || x.line - y.line);
  const shown: RuleExample[] = examples <= 0 ? [] : found.slice(0, examples).map((e) => ({ file: files[e.f] ?? '', line: e.line, value: shorten(e.value) }));
  return ruleResult(rule, r.applicable, violations, shown);
}

function facts(params: RuleParams): object {
  const judged = [...LANGUAGE_SCRIPTS.keys()];
  return {
    languages: params.languages, currencies: params.currencies, pointsOfSale: params.pointsOfSale,
    identityRules: params.identityRules ?? [], customEvents: params.customEvents ?? [],
    posChannels: (params.posChannels ?? []).map((p) => [p.name, p.channel]),
    channels: CHANNELS, knownTypes: [...PLATFORM_EVENT_TYPES, ...RESERVED_EVENT_TYPES], checkoutStatuses: CHECKOUT_STATUSES,
    judged, withLatin: judged.filter((code) => LANGUAGE_SCRIPTS.get(code)?.includes('Latin')),
    productFields: ADD_PRODUCT_FIELDS, reservedPrefix: RESERVED_PREFIX, maxExtKeys: MAX_EXT_KEYS,
  };
}

/** validateEvents on the native engine (the caller checked that it loads and covers the rules). */
export async function validateEventsNative(module: NativeModule, paths: string[], options: ValidateOptions, params: RuleParams): Promise<ValidationResult> {
  const examples = options.examples ?? 5;
  const maxInvalid = options.maxInvalidLines ?? 1000;
  const rules = concreteRules(options.rules ?? EVENT_RULES, params);
  const unique = [...new Set(paths)];
  // Only access is checked here: the engine itself refuses a truncated or corrupt gzip file while it
  // reads it (DuckDB does not, so its engine decompresses such files once more beforehand).
  const problems = await Promise.all(unique.map((file) => fileAccessProblem(file)));
  const readable = unique.filter((_f, i) => problems[i] === undefined);
  const result = await module.validate({
    files: readable, rules: rules.map((r) => ({ id: r.id, ...(r.subject === undefined ? {} : { subject: r.subject.replace(/^ext\./, '') }) })),
    facts: facts(params), examples: Math.max(0, examples), maxInvalid, threads: options.threads ?? 2,
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
  });
  const byFile = new Map(readable.map((file, i) => [file, result.files[i] as NativeFile]));
  const files: FileRead[] = [];
  const invalid: InvalidLine[] = [];
  let validLines = 0;
  for (const [i, file] of unique.entries()) {
    const problem = problems[i];
    const read = byFile.get(file);
    if (problem !== undefined || read === undefined) {
      files.push({ file, lines: 0, error: problem ?? 'not read' });
      continue;
    }
    files.push(read.error === undefined ? { file, lines: read.lines } : { file, lines: 0, error: read.error });
    if (read.error !== undefined) continue;
    validLines += read.valid;
    for (const [line, reason] of read.invalid) invalid.push({ file, line, reason });
  }
  const lines = files.reduce((sum, f) => sum + f.lines, 0);
  return {
    files, lines, validLines, invalidLineCount: lines - validLines, invalidLines: invalid.slice(0, maxInvalid),
    rules: rules.map((rule, i) => toRule(rule, result.rules[i] as NativeRule, readable, examples)),
  };
}
