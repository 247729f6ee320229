import { describe, expect, it } from 'vitest';
import { isLanguageCode } from './codes.js';
import { LANGUAGE_SCRIPTS, MISMATCH_THRESHOLD, dominantScript, scriptCounts, scriptMismatch } from './script.js';

describe('dominantScript', () => {
  it.each([
    ['Running shoes for men', 'Latin'],
    ['Straße über Äpfel', 'Latin'],
    ['Ｆｕｌｌｗｉｄｔｈ', 'Latin'],
    ['Кроссовки для бега', 'Cyrillic'],
    ['Ґудзик і їжак', 'Cyrillic'],
    ['أحذية الجري', 'Arabic'],
    ['کفش دویدن', 'Arabic'],
    ['נעלי ריצה', 'Hebrew'],
    ['Παπούτσια τρεξίματος', 'Greek'],
    ['跑步鞋', 'Han'],
    ['ひらがな', 'Hiragana'],
    ['カタカナ', 'Katakana'],
    ['ランニングシューズ', 'Katakana'],
    ['러닝화', 'Hangul'],
    ['รองเท้าวิ่ง', 'Thai'],
    ['दौड़ने के जूते', 'Devanagari'],
    ['Բարեւ ձեզ', 'Armenian'],
    ['გამარჯობა', 'Georgian'],
    ['ᐃᓄᒃᑎᑐᑦ', 'Other'],
  ])('%s -> %s', (text, expected) => {
    expect(dominantScript(text)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['12345 67.89', 'digits and punctuation'],
    ['🙂🎉 !!! — …', 'emoji and punctuation'],
    ['https://example.com/path www.shop.example.org', 'URLs'],
    ['info@example.com', 'e-mail address'],
    ['SKU-12345 AB1234 42EU 3XL', 'SKUs and sizes'],
    ['A B C', 'single letters'],
    ['ー', 'a script-neutral letter'],
  ])('is null without countable letters: %j (%s)', (text) => {
    expect(dominantScript(text)).toBeNull();
  });

  it('ignores SKUs, URLs and emoji around prose', () => {
    expect(dominantScript('Кроссовки SKU-AB12 https://shop.example.com/en/item 🙂')).toBe('Cyrillic');
    expect(dominantScript('Buy running shoes: артикул AB-1234')).toBe('Latin');
  });

  it('counts a mixed text by its letters: the plurality wins', () => {
    // 9 Cyrillic letters (Кроссовки) against 4 Latin (Nike): Cyrillic.
    expect(dominantScript('Кроссовки Nike')).toBe('Cyrillic');
    expect(dominantScript('Nike Air Zoom для бега')).toBe('Latin');
  });

  it('counts one Han, kana or Hangul character as a word, but not one Latin letter', () => {
    expect(dominantScript('本')).toBe('Han');
    expect(dominantScript('x')).toBeNull();
  });

  it('exposes the counts it decided on', () => {
    expect(Object.fromEntries(scriptCounts('日本語のテキスト'))).toEqual({ Han: 3, Hiragana: 1, Katakana: 4 });
  });
});

describe('scriptMismatch', () => {
  it.each([
    ['Running shoes', 'EN'],
    ['Laufschuhe für Herren', 'DE'],
    ['Chaussures de course', 'fr'],
    ['Кроссовки', 'RU'],
    ['Кросівки', 'UK'],
    ['Маратонки', 'BG'],
    ['Patike za trčanje', 'SR'],
    ['Патике за трчање', 'SR'],
    ['أحذية الجري', 'AR'],
    ['کفش دویدن', 'FA'],
    ['ランニングシューズを買う', 'JA'],
    ['日本語のテキスト', 'JA'],
    ['跑步鞋', 'ZH'],
    ['러닝화 韓國', 'KO'],
    ['Παπούτσια', 'EL'],
    ['נעלי ריצה', 'HE'],
    ['รองเท้าวิ่ง', 'TH'],
    ['दौड़ने के जूते', 'HI'],
    ['Кроссовки Nike Air', 'RU'],
  ])('accepts %j declared %s', (text, language) => {
    expect(scriptMismatch(text, language)).toBeNull();
  });

  it.each([
    ['Кроссовки для бега', 'EN', 'Cyrillic'],
    ['Кроссовки для бега', 'en-GB', 'Cyrillic'],
    ['Home Page', 'RU', 'Latin'],
    ['跑步鞋', 'JA', null],
    ['ランニングシューズ', 'ZH', 'Katakana'],
    ['Running shoes', 'JA', 'Latin'],
    ['Παπούτσια', 'DE', 'Greek'],
    ['أحذية الجري', 'HE', 'Arabic'],
    ['러닝화', 'JA', 'Hangul'],
  ])('%j declared %s -> %s', (text, language, script) => {
    const found = scriptMismatch(text, language);
    expect(found?.script ?? null).toBe(script);
  });

  it('writes the finding message', () => {
    const found = scriptMismatch('Кроссовки для бега', 'EN');
    expect(found).toMatchObject({ script: 'Cyrillic', language: 'EN', expected: ['Latin'], foreignShare: 1, letters: 16 });
    expect(found?.message).toBe('text in Cyrillic in an event declared EN');
  });

  it(`flags only when more than ${MISMATCH_THRESHOLD * 100} % of the letters are foreign`, () => {
    // "Nike" (4 Latin) + "бег" (3 Cyrillic): 3/7 foreign for EN -> fine; 4/7 foreign for RU -> mismatch.
    expect(scriptMismatch('Nike бег', 'EN')).toBeNull();
    expect(scriptMismatch('Nike бег', 'RU')?.foreignShare).toBe(0.571);
    // Exactly half is not more than half.
    expect(scriptMismatch('ab вг', 'EN')).toBeNull();
    expect(scriptMismatch('ab вг', 'RU')).toBeNull();
  });

  it.each([
    ['no letters', '123 🙂', 'EN'],
    ['unknown language', 'Кроссовки', 'XX'],
    ['language without a script entry', 'Кроссовки', 'IU'],
    ['empty language', 'Кроссовки', ''],
  ])('does not judge: %s', (_why, text, language) => {
    expect(scriptMismatch(text, language)).toBeNull();
  });

  it('has a table keyed by valid uppercase ISO 639-1 codes', () => {
    const bad = [...LANGUAGE_SCRIPTS.keys()].filter((code) => code !== code.toUpperCase() || !isLanguageCode(code));
    expect(bad).toEqual([]);
    expect(LANGUAGE_SCRIPTS.size).toBeGreaterThan(120);
  });
});
