import { describe, expect, it } from 'vitest';
import type { PageEvidence } from './evidence.js';
import { tagAbsentRule } from './tag-absent.rule.js';
import { outcome, page, view } from './test-helpers.js';

const judge = (e: PageEvidence) => outcome(tagAbsentRule.judge(e, tagAbsentRule.options.parse({}), { now: new Date(0), goLive: new Date(0) }));
const clean = page({ sdk: { scripts: [], copies: { cloud: 0, engage: 0 } }, calls: [] });

describe('page/tag-absent', () => {
  it.each<[string, PageEvidence, string[]]>([
    ['a page without any trace', clean, ['pass']],
    ['the Cloud SDK initialised and calling', page(), ['fail', 'sdk-initialised', 'sitecore-calls-sent']],
    ['only an SDK file', page({ sdk: { scripts: [{ url: 'https://cdn.example/engage.min.js', sdk: 'engage', startMs: 5 }], copies: { cloud: 0, engage: 0 } }, calls: [] }), ['fail', 'sdk-script-loaded']],
    ['the Engage global', page({ sdk: { engage: { version: '1.4.3' }, scripts: [], copies: { cloud: 0, engage: 1 } }, calls: [] }), ['fail', 'sdk-initialised']],
    ['only calls (a bundled SDK)', page({ sdk: { scripts: [], copies: { cloud: 0, engage: 0 } }, calls: [view(10)] }), ['fail', 'sitecore-calls-sent']],
    ['calls golive blocked do not count', page({ sdk: { scripts: [], copies: { cloud: 0, engage: 0 } }, calls: [view(10, { blocked: true, failure: 'blocked by golive' })] }), ['pass']],
  ])('%s', (_name, e, expected) => {
    expect(judge(e)).toEqual(expected);
  });
});
