/**
 * What the `data/files` probe saw: the validation result of `golive data validate`, cut down to
 * what a check result should store (examples per rule, the first invalid lines).
 */
export interface DataRuleEvidence {
  id: string;
  title: string;
  severity: 'fail' | 'warn';
  applicable: number;
  violations: number;
  rate: number;
  /** What the rule is about when it runs once per declared item (an extension key, say). */
  subject?: string;
  /** Aggregate rules (a fill rate, say): the measured share and the minimum it must reach; the rule fails only below it. */
  threshold?: { measure: string; value: number; min: number };
  failing: boolean;
  examples: { file: string; line: number; value: string | null }[];
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
