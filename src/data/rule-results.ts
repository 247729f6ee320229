/**
 * What a rule run yields (counts, rate, examples, threshold), shared by both event engines and the
 * batch rules. Free of DuckDB, so the native engine starts without loading it.
 */
import type { EventRule, RuleParams } from './event-rules-fields.js';

export interface RuleExample {
  file: string;
  line: number;
  value: string | null;
}

export interface RuleResult {
  id: string;
  title: string;
  severity: 'fail' | 'warn';
  /** Events the rule applies to (the rate's denominator). */
  applicable: number;
  violations: number;
  /** violations / applicable, 0 when nothing applies. */
  rate: number;
  examples: RuleExample[];
  /** What the result is about when one rule yields a result per declared item, e.g. `ext.loyaltyTier`. */
  subject?: string;
  /**
   * Aggregate rules only: the measured share of applicable events without a violation (`value`, e.g.
   * the fill rate) and the minimum it must reach. Such a rule fails only when some event applies and
   * value < min; its violations are still counted and listed (the events that lower the share).
   * Without a threshold a rule fails on any violation.
   */
  threshold?: RuleThreshold;
}

export interface RuleThreshold {
  /** What `value` measures, e.g. `fill rate`. */
  measure: string;
  /** (applicable - violations) / applicable; 0 when nothing applies. */
  value: number;
  min: number;
}

export const MAX_VALUE_CHARS = 200;

/** The rules to run for these params: rules with `expand` replaced by their concrete rules (none when nothing is declared). */
export function concreteRules(rules: readonly EventRule[], params: RuleParams): EventRule[] {
  return rules.flatMap((r) => (r.expand === undefined ? [r] : r.expand(params)));
}

export function ruleResult(rule: EventRule, applicable: number, violations: number, examples: RuleExample[]): RuleResult {
  const rate = applicable === 0 ? 0 : violations / applicable;
  return {
    id: rule.id, title: rule.title, severity: rule.severity, applicable, violations, rate, examples,
    ...(rule.subject === undefined ? {} : { subject: rule.subject }),
    ...(rule.minPassRate === undefined ? {} : {
      threshold: { measure: rule.measure ?? 'pass rate', value: applicable === 0 ? 0 : (applicable - violations) / applicable, min: rule.minPassRate },
    }),
  };
}
