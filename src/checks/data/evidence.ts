import type { RuleResult } from '../../data/event-rules-sql.js';

/**
 * What the `data/files` probe saw: the validation result of `golive data validate`, cut down to
 * what a check result should store (examples per rule, the first invalid lines).
 */
/** A rule's result as the engine gives it, with its verdict made explicit. */
export interface DataRuleEvidence extends RuleResult {
  /** The rule is broken: any violation, or for a rule with a threshold, a share below its minimum. */
  failing: boolean;
}

export interface DataFilesEvidence {
  kind: 'events' | 'batch';
  /** The target as written (a path or a glob, relative to the project). */
  pattern: string;
  files: { file: string; lines: number; error?: string; bytes?: number; md5?: string }[];
  lines: number;
  validLines: number;
  invalidLineCount: number;
  invalidLines: { file: string; line: number; reason: string }[];
  rules: DataRuleEvidence[];
  /** Which declared facts the values were checked against (null = not declared, platform formats only). */
  declared: { languages: number | null; currencies: number | null; pointsOfSale: number | null; identityRules: number | null };
}
