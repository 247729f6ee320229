import { describe, expect, it } from 'vitest';
import type { PageEvidence } from './evidence.js';
import { tagPresentRule } from './tag-present.rule.js';
import { outcome, page, view } from './test-helpers.js';

const judge = (e: PageEvidence, o: Record<string, unknown> = {}) => outcome(tagPresentRule.judge(e, tagPresentRule.options.parse(o), { now: new Date(0), goLive: new Date(0) }));
const engage = page({ sdk: { engage: { version: '1.4.3' }, scripts: [{ url: 'https://cdn.example/engage.min.js', sdk: 'engage', startMs: 10, status: 200 }], copies: { cloud: 0, engage: 1 } }, calls: [view(700, { sdk: 'engage', url: 'https://api.example/v1.2/events' })] });

describe('page/tag-present', () => {
  it.each<[string, PageEvidence, Record<string, unknown>, string[]]>([
    ['Cloud SDK with an accepted VIEW', page(), {}, ['pass']],
    ['Engage SDK', engage, {}, ['pass']],
    ['Engage asked for engage', engage, { sdk: 'engage' }, ['pass']],
    ['nothing Sitecore at all', page({ sdk: { scripts: [], copies: { cloud: 0, engage: 0 } }, calls: [] }), {}, ['fail', 'tag-missing']],
    ['Cloud SDK where Engage is required', page(), { sdk: 'engage' }, ['fail', 'wrong-sdk']],
    ['Engage where the Cloud SDK is required', engage, { sdk: 'cloud' }, ['fail', 'wrong-sdk']],
    ['the SDK but no event', page({ calls: [] }), {}, ['fail', 'no-events-sent']],
    ['the SDK but no event, events not required', page({ calls: [] }), { requireEvents: false }, ['pass']],
    ['every event refused', page({ calls: [view(700, { status: 401 })] }), {}, ['fail', 'events-rejected']],
    ['no event answered before the capture', page({ calls: [view(700, { status: undefined })] }), {}, ['fail', 'events-rejected']],
    ['another Edge URL than declared', page(), { edgeUrl: 'https://edge-platform.sitecorecloud.io' }, ['fail', 'wrong-edge-url']],
    ['the declared Edge URL (trailing slash ignored)', page(), { edgeUrl: 'https://edge.shop.example/' }, ['pass']],
  ])('%s', (_name, e, o, expected) => {
    expect(judge(e, o)).toEqual(expected);
  });

  it('gives every failure a hint', () => {
    const v = tagPresentRule.judge(page({ calls: [], sdk: { scripts: [], copies: { cloud: 0, engage: 0 } } }), tagPresentRule.options.parse({}), { now: new Date(0), goLive: new Date(0) });
    expect(v.findings.every((f) => (f.hint ?? '').length > 20)).toBe(true);
  });
});
