import { z } from 'zod';
import { describeCheck, segmentOk } from '../../report/segments.js';
import { fail, verdictFrom } from '../verdict.js';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import type { SegmentsEvidence, SegmentsInput } from './segments.probe.js';

export const SegmentsTarget = z.strictObject({
  segment: z.string().min(1).describe('A segment name declared under cdp.segments, or * for every one.'),
});
export type SegmentsTarget = z.infer<typeof SegmentsTarget>;

export const SegmentsOptions = z.strictObject({});
export type SegmentsOptions = z.infer<typeof SegmentsOptions>;

const meta: RuleMeta = {
  id: 'data/segments',
  probe: 'data/segments',
  title: 'Segments return the expected guests',
  failureTitle: 'Segments do not return the expected guests',
  description:
    'Checks the segment expectations declared under cdp.segments in golive.yaml against each segment\'s audience export (the platform has no API for segment members or counts): ' +
    'the test guests that must be in or out, and the export\'s size within a range or within a tolerance of a source-system count. ' +
    'An audience built on the wrong attribute or a stale batch import shows here before a campaign goes to the wrong people. Without declared segments the check is skipped.',
  docs: 'docs/rules/data/segments.md',
  targetHelp: 'segment name, or * for every declared segment',
  examples: [{ target: '*' }, { target: 'newsletter-subscribers' }],
};

const CODES: Record<string, string> = { includes: 'guest-missing', excludes: 'guest-unexpected', size: 'size-out-of-range', 'source-count': 'count-off-source' };
const HINTS: Record<string, string> = {
  includes: 'check the segment\'s conditions against the test guest\'s profile, and export the audience again after the segment recalculates',
  excludes: 'the guest meets the conditions though it should not (an opt-out not imported, a condition too broad): fix the condition or the data',
  size: 'the audience is far from the expected size: check the conditions and whether the batch import behind them has run',
  'source-count': 'compare the segment with the source system it mirrors: missing or duplicate profiles, or a condition that drops records',
};

export const segmentsRule: Rule<SegmentsTarget, SegmentsOptions, SegmentsEvidence> = {
  meta,
  target: SegmentsTarget,
  targetFromString: (text: string) => ({ segment: text }),
  options: SegmentsOptions,
  probeInput: (target): SegmentsInput => ({ segment: target.segment }),
  judge: (e) => judgeSegments(e),
};

function judgeSegments(e: SegmentsEvidence): Verdict {
  if (e.declared.length === 0) return { status: 'skipped', summary: 'no segment is declared under cdp.segments in golive.yaml: declare the launching audiences and their expectations', findings: [] };
  const findings: Finding[] = [];
  if (e.unknown !== undefined) findings.push(fail('segment-not-declared', `no segment ${JSON.stringify(e.unknown)} is declared under cdp.segments`, `declared: ${e.declared.join(', ')}`));
  for (const s of e.segments) {
    if (s.error) findings.push(fail('export-unreadable', `${s.name}: ${s.error.message}`, s.error.hint ?? 'export the audience again; the path is relative to golive.yaml', s.export));
    if (s.unreadable.count > 0) findings.push(fail('export-records-unreadable', `${s.name}: ${s.unreadable.count} records of ${s.export} could not be read`, 'export the audience again; golive data segments lists the records', s.export));
    for (const c of s.checks.filter((x) => !x.ok)) findings.push(fail(CODES[c.kind] ?? c.kind, `${s.name}: ${describeCheck(c)}`, HINTS[c.kind] ?? 'see golive data segments', s.export));
  }
  const ok = e.segments.filter(segmentOk).length;
  return verdictFrom(meta, findings, `${ok} of ${e.segments.length} segments as expected`);
}
