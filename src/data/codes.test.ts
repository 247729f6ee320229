import { describe, expect, it } from 'vitest';
import {
  CURRENCY_CODES,
  CURRENCY_LIST_PUBLISHED,
  LANGUAGE_CODES,
  NON_MONEY_CURRENCY_CODES,
  checkCurrency,
  checkLanguage,
  isCurrencyCode,
  isLanguageCode,
  normaliseCurrency,
  normaliseLanguage,
} from './codes.js';

describe('pinned lists', () => {
  // These sizes are what iso-639-1@3.1.6 and currency-codes@2.2.0 ship. An upgrade that changes a
  // list must fail here so that someone reads the diff of the data, not just the version.
  it('has 183 ISO 639-1 languages and 179 ISO 4217 currencies', () => {
    expect(LANGUAGE_CODES).toHaveLength(183);
    expect(CURRENCY_CODES).toHaveLength(179);
    expect(CURRENCY_LIST_PUBLISHED).toBe('2024-06-25');
  });

  it('exports sorted, unique, uppercase arrays ready for SQL', () => {
    for (const [list, pattern] of [[LANGUAGE_CODES, /^[A-Z]{2}$/], [CURRENCY_CODES, /^[A-Z]{3}$/]] as const) {
      expect([...list].sort()).toEqual(list);
      expect(new Set(list).size).toBe(list.length);
      expect(list.every((c) => pattern.test(c))).toBe(true);
    }
  });

  it('lists every non-money code as a real ISO 4217 code', () => {
    expect(NON_MONEY_CURRENCY_CODES.filter((c) => !CURRENCY_CODES.includes(c))).toEqual([]);
  });

  it('cannot be changed by a caller', () => {
    expect(Object.isFrozen(LANGUAGE_CODES)).toBe(true);
    expect(Object.isFrozen(CURRENCY_CODES)).toBe(true);
  });
});

describe('isLanguageCode / normaliseLanguage', () => {
  it.each([
    ['en', true], ['EN', true], ['De', true], ['zh', true], ['he', true],
    ['xx', false], ['eng', false], ['e', false], ['', false], ['en-GB', false], [' en', false], ['iw', false],
  ])('isLanguageCode(%j) is %s', (code, expected) => {
    expect(isLanguageCode(code)).toBe(expected);
  });

  it.each([
    ['en', 'EN'], ['EN', 'EN'], ['en-GB', 'EN'], ['pt_BR', 'PT'], [' de ', 'DE'], ['zh-Hant-TW', 'ZH'],
    ['eng', null], ['xx-YY', null], ['', null], ['English', null],
  ])('normaliseLanguage(%j) is %j', (value, expected) => {
    expect(normaliseLanguage(value)).toBe(expected);
  });
});

describe('isCurrencyCode / normaliseCurrency', () => {
  it.each([
    ['EUR', true], ['eur', true], ['USD', true], ['JPY', true], ['XXX', true],
    ['DEM', false], ['EURO', false], ['€', false], ['EU', false], ['', false], ['ABC', false],
  ])('isCurrencyCode(%j) is %s', (code, expected) => {
    expect(isCurrencyCode(code)).toBe(expected);
  });

  it.each([['eur', 'EUR'], [' GBP ', 'GBP'], ['DEM', null], ['', null]])('normaliseCurrency(%j) is %j', (value, expected) => {
    expect(normaliseCurrency(value)).toBe(expected);
  });
});

describe('checkLanguage', () => {
  it.each(['EN', 'DE', 'JA', 'UK'])('accepts %s', (value) => {
    expect(checkLanguage(value)).toBeNull();
  });

  it.each([
    [undefined, 'missing', undefined],
    ['', 'missing', undefined],
    [42, 'not-a-string', undefined],
    ['en', 'not-uppercase', 'EN'],
    ['De', 'not-uppercase', 'DE'],
    ['en-GB', 'not-iso-639-1', 'EN'],
    ['EN-GB', 'not-iso-639-1', 'EN'],
    ['ENG', 'not-iso-639-1', undefined],
    ['XX', 'not-iso-639-1', undefined],
  ])('flags %j as %s', (value, code, suggestion) => {
    const issue = checkLanguage(value);
    expect(issue?.code).toBe(code);
    expect(issue?.suggestion).toBe(suggestion);
    expect(issue?.hint.length).toBeGreaterThan(10);
  });

  it('says "uppercase expected" for a lowercase code', () => {
    expect(checkLanguage('fr')?.message).toContain('uppercase expected');
  });
});

describe('checkCurrency', () => {
  it.each(['EUR', 'USD', 'CHF', 'JPY'])('accepts %s', (value) => {
    expect(checkCurrency(value)).toBeNull();
  });

  it.each([
    [null, 'missing', 'fail'],
    [978, 'not-a-string', 'fail'],
    ['eur', 'not-uppercase', 'fail'],
    ['DEM', 'not-iso-4217', 'fail'],
    ['€', 'not-iso-4217', 'fail'],
    ['XTS', 'not-money', 'warn'],
    ['XXX', 'not-money', 'warn'],
    ['XAU', 'not-money', 'warn'],
  ])('flags %j as %s (%s)', (value, code, severity) => {
    const issue = checkCurrency(value);
    expect(issue?.code).toBe(code);
    expect(issue?.severity).toBe(severity);
  });

  it('says "uppercase expected" and suggests the code', () => {
    const issue = checkCurrency('usd');
    expect(issue?.message).toContain('uppercase expected');
    expect(issue?.suggestion).toBe('USD');
  });
});
