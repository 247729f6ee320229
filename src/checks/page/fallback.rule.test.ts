import { describe, expect, it } from 'vitest';
import type { PageEvidence } from './evidence.js';
import { fallbackRule } from './fallback.rule.js';
import { outcome, page, view } from './test-helpers.js';

const blocked = (over: Partial<PageEvidence> = {}) => page({ blocked: true, calls: [view(700, { blocked: true, failure: 'blocked by golive', status: undefined })], slots: [{ name: 'hero', found: true, visible: true, filledAtMs: 300, text: 'Bestsellers' }], ...over });
const judge = (e: PageEvidence, o: Record<string, unknown> = {}) => outcome(fallbackRule.judge(e, fallbackRule.options.parse(o), { now: new Date(0), goLive: new Date(0) }));

describe('page/fallback', () => {
  it.each<[string, PageEvidence, string[]]>([
    ['fallback content, no error', blocked(), ['pass']],
    ['the slot stays empty', blocked({ slots: [{ name: 'hero', found: true, visible: true, text: '' }] }), ['fail', 'no-fallback-content']],
    ['the slot is rendered by the script only', blocked({ slots: [{ name: 'hero', found: false }] }), ['fail', 'slot-missing']],
    ['fallback too late', blocked({ slots: [{ name: 'hero', found: true, filledAtMs: 6000 }] }), ['fail', 'fallback-slow']],
    ['the page throws without the SDK', blocked({ errors: [{ message: 'TypeError: Cannot read properties of null (reading \'title\')', atMs: 400 }] }), ['fail', 'page-error']],
    ['the SDK throws uncaught', blocked({ errors: [{ message: 'Error: [IE-0003] Unable to set the cookie', atMs: 400 }] }), ['warn', 'sdk-error-uncaught']],
    ['a Sitecore call still answered', blocked({ calls: [view(700)] }), ['warn', 'not-fully-blocked']],
    ['no slots declared', blocked({ slots: [] }), ['skipped']],
  ])('%s', (_name, e, expected) => {
    expect(judge(e)).toEqual(expected);
  });
});
