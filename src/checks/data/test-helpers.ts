import type { DataFilesEvidence, DataRuleEvidence } from './evidence.js';

/** Evidence builders for the data rules' table tests. */
export function rule(id: string, over: Partial<DataRuleEvidence> = {}): DataRuleEvidence {
  const violations = over.violations ?? 0;
  return { id, title: id, severity: 'fail', applicable: 100, violations, rate: violations / 100, failing: violations > 0, examples: violations > 0 ? [{ file: 'e.ndjson', line: 7, value: 'en' }] : [], ...over };
}

export function evidence(rules: DataRuleEvidence[], over: Partial<DataFilesEvidence> = {}): DataFilesEvidence {
  return {
    kind: 'events', pattern: 'e.ndjson', files: [{ file: 'e.ndjson', lines: 100 }], lines: 100, validLines: 100, invalidLineCount: 0, invalidLines: [],
    rules, declared: { languages: 2, currencies: 1, pointsOfSale: 1, identityRules: 1 }, ...over,
  };
}

