import { describe, expect, it } from 'vitest';
import { htmlLangRule } from './html-lang.rule.js';
import { outcome, page } from './test-helpers.js';

const judge = (lang: string | null, o: Record<string, unknown> = {}, declared: string[] | null = null) =>
  outcome(htmlLangRule.judge(page({ lang, declared: { languages: declared, identityRules: null } }), htmlLangRule.options.parse(o), { now: new Date(0), goLive: new Date(0) }));

describe('page/html-lang', () => {
  it.each<[string | null, Record<string, unknown>, string[] | null, string[]]>([
    ['en-GB', {}, null, ['pass']],
    ['de', {}, null, ['pass']],
    ['en-GB', {}, ['EN', 'DE'], ['pass']],
    ['en-GB', { languages: ['de'] }, ['EN'], ['fail', 'lang-not-site-language']],
    ['fr', {}, ['EN', 'DE'], ['fail', 'lang-not-site-language']],
    [null, {}, null, ['fail', 'lang-missing']],
    ['  ', {}, null, ['fail', 'lang-missing']],
    ['en_GB', {}, null, ['fail', 'lang-invalid-tag']],
    ['eng', {}, null, ['fail', 'lang-not-iso-639-1']],
    ['xx', {}, null, ['fail', 'lang-not-iso-639-1']],
  ])('lang=%j options %j declared %j', (lang, o, declared, expected) => {
    expect(judge(lang, o, declared)).toEqual(expected);
  });

  it('rejects a language option that is not a two-letter code', () => {
    expect(htmlLangRule.options.safeParse({ languages: ['english'] }).success).toBe(false);
  });
});
