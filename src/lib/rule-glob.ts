/**
 * Rule id patterns as `--only` and check overrides take them: `*` within one part of the id
 * (`page/*`), `**` across parts, `?` one character; several patterns may be comma-separated.
 * No pattern matches everything.
 */
export function ruleMatcher(patterns: string[]): (id: string) => boolean {
  const regexes = patterns.flatMap((p) => p.split(',')).map((p) => p.trim()).filter(Boolean).map((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '.*').replace(/\?/g, '.')}$`));
  return (id) => regexes.length === 0 || regexes.some((r) => r.test(id));
}

/** True when `rule` is a pattern rather than one rule id. */
export const isRulePattern = (rule: string): boolean => /[*?,]/.test(rule);
