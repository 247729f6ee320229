import { describe, expect, it } from 'vitest';
import type { IdentitiesEvidence } from './identities.probe.js';
import { identitiesRule } from './identities.rule.js';

const CTX = { now: new Date('2026-11-20T10:00:00Z'), goLive: new Date('2026-12-01T08:00:00Z') };
const W = { file: 'e.ndjson', line: 7 };
const none = { count: 0, examples: [] };

function evidence(over: Partial<IdentitiesEvidence> = {}, guests?: Partial<NonNullable<IdentitiesEvidence['guests']>>): IdentitiesEvidence {
  const lines = { files: [{ file: 'e.ndjson', lines: 10 }], lines: 10, validLines: 10, invalidLineCount: 0, invalidLines: [] };
  return {
    rules: ['email'], rulesFrom: 'declared', events: lines, eventsWithoutBrowser: 0, browsers: 6, identifiedBrowsers: 4, anonymousBrowsers: 2, identifiers: 4, keys: 3,
    ignored: [], persons: 4, multiBrowserPersons: 1, largestPersons: [], sharedThreshold: 50, sharedKeys: none,
    ...(guests ? { guests: { lines, notGuests: none, guests: 3, splitPersons: none, mergingGuests: none, nonCustomerGuests: none, unreached: { browsers: 0, events: 0, identifiedBrowsers: 0, identifiedEvents: 0, examples: [], identifiedExamples: [] }, ...guests } } : {}),
    ...over,
  } as IdentitiesEvidence;
}
const judge = (e: IdentitiesEvidence) => identitiesRule.judge(e, identitiesRule.options.parse({}), CTX);
const codes = (e: IdentitiesEvidence) => judge(e).findings.map((f) => `${f.severity}:${f.code}`);

describe('data/identities', () => {
  it('passes a clean stitching and says what it found', () => {
    const v = judge(evidence({}, {}));
    expect(v.status).toBe('pass');
    expect(v.summary).toContain('6 browsers → 4 expected persons against 3 guests');
  });

  const cases: { name: string; e: IdentitiesEvidence; codes: string[] }[] = [
    { name: 'a shared identifier', e: evidence({ sharedKeys: { count: 1, examples: [{ provider: 'email', id: 'test@example.com', browsers: 120, lines: [W] }] } }), codes: ['fail:shared-identifier'] },
    { name: 'split persons', e: evidence({}, { splitPersons: { count: 2, examples: [{ browsers: 2, browserIds: ['b1', 'b2'], guests: 2, guestRefs: ['g1', 'g2'] }] } }), codes: ['fail:split-persons'] },
    { name: 'merging guests', e: evidence({}, { mergingGuests: { count: 1, examples: [{ ...W, guestRef: 'g9', provider: 'email', ids: ['a@x.io', 'b@x.io'] }] } }), codes: ['fail:merging-guests'] },
    { name: 'identified browsers reaching no guest', e: evidence({}, { unreached: { browsers: 3, events: 9, identifiedBrowsers: 1, identifiedEvents: 4, examples: [], identifiedExamples: [{ ...W, browserId: 'b7' }] } }), codes: ['fail:unreached-browsers'] },
    { name: 'anonymous browsers alone do not fail', e: evidence({}, { unreached: { browsers: 3, events: 9, identifiedBrowsers: 0, identifiedEvents: 0, examples: [], identifiedExamples: [] } }), codes: [] },
    { name: 'invalid lines and an unread file', e: evidence({ events: { files: [{ file: 'e.ndjson', lines: 10 }, { file: 'cut.gz', lines: 0, error: 'truncated gzip' }], lines: 10, validLines: 9, invalidLineCount: 1, invalidLines: [{ ...W, reason: 'not valid JSON' }] } }), codes: ['fail:file-unreadable', 'fail:invalid-lines'] },
    { name: 'no rules declared is a note', e: evidence({ rulesFrom: 'seen', rules: ['email', 'crm'] }), codes: ['info:rules-not-declared'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(codes(c.e)).toEqual(c.codes);
      for (const f of judge(c.e).findings.filter((x) => x.severity === 'fail')) expect(f.hint).toBeTruthy();
    });
  }

  it('names the example of a shared identifier with its line', () => {
    const v = judge(cases[0]!.e);
    expect(v.findings[0]).toMatchObject({ subject: 'e.ndjson:7', message: expect.stringContaining('email:"test@example.com" on 120') as unknown });
  });

  it('gathers the guests only when asked, and the threshold with them', () => {
    expect(identitiesRule.probeInput({ events: 'e/*.ndjson' }, identitiesRule.options.parse({}))).toEqual({ events: 'e/*.ndjson', sharedThreshold: 50 });
    expect(identitiesRule.probeInput({ events: 'e.ndjson' }, identitiesRule.options.parse({ guests: 'g.ndjson', sharedThreshold: 5 }))).toEqual({ events: 'e.ndjson', guests: 'g.ndjson', sharedThreshold: 5 });
  });
});
