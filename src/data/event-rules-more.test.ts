import { describe, expect, it } from 'vitest';
import { loadLines, useDuckDb } from './test-helpers.js';
import { CORE_EVENT_RULES, EVENT_RULES } from './event-rules.js';
import { DECLARED_EVENT_RULES } from './event-rules-declared.js';
import { ORDER_EVENT_RULES } from './event-rules-order.js';
import { runEventRules, type RuleParams } from './event-rules-sql.js';

const BID = '0b4f8c4e-7d5a-4a8e-9a43-8b3f0a4f7e21';
const BID2 = '1c5a9d5f-8e6b-4b9f-8b54-9c4a1b5a8f32';
const BASE = { type: 'VIEW', channel: 'WEB', language: 'EN', currency: 'EUR', browser_id: BID, pos: 'shop-eu', page: 'home' };
const ADD = { ...BASE, type: 'ADD', product: { item_id: 'i1', name: 'Running shoe', quantity: 1, price: 5 } };
const CONFIRM = { ...BASE, type: 'CONFIRM', product: [{ item_id: 'i1' }] };
const IDENTITY = { ...BASE, type: 'IDENTITY', identifiers: [{ id: 'a@b.co', provider: 'email' }] };
const ids = (...identifiers: object[]): object => ({ ...IDENTITY, identifiers });
const ext = (n: number): object => ({ ...BASE, ext: Object.fromEntries(Array.from({ length: n }, (_v, i) => [`k${i}`, i])) });
const NO_LISTS: RuleParams = { languages: [], currencies: [], pointsOfSale: [] };

/** [file, line, event]; a bare event is line 7 of t.ndjson. */
type Row = readonly [string, number, object];
interface Case { name: string; events: (Row | object)[]; params?: Partial<RuleParams>; at?: readonly [string, number]; value?: RegExp }

const TABLE: Record<string, { valid: Case[]; invalid: Case[] }> = {
  'events/type-known': {
    valid: [
      { name: 'platform type', events: [BASE] }, { name: 'any custom when none declared', events: [{ ...BASE, type: 'MY_EVENT' }] },
      { name: 'declared custom', events: [{ ...BASE, type: 'MY_EVENT' }], params: { customEvents: ['MY_EVENT'] } },
      { name: 'reserved platform name', events: [{ ...BASE, type: 'LOGIN' }], params: { customEvents: ['MY_EVENT'] } },
    ],
    invalid: [
      { name: 'undeclared custom', events: [{ ...BASE, type: 'OTHER_EVENT' }], params: { customEvents: ['MY_EVENT'] }, value: /not a platform/ },
      { name: 'SC_ prefix', events: [{ ...BASE, type: 'SC_PROMO' }], value: /reserved SC_ prefix/ },
      { name: 'SC_ prefix even if declared', events: [{ ...BASE, type: 'SC_PROMO' }], params: { customEvents: ['SC_PROMO'] } },
    ],
  },
  'events/checkout-status': {
    valid: [{ name: 'PURCHASED', events: [{ ...BASE, type: 'CHECKOUT', status: 'PURCHASED' }] }, { name: 'not a CHECKOUT', events: [{ ...BASE, status: 'x' }] }],
    invalid: [
      { name: 'lowercase', events: [{ ...BASE, type: 'CHECKOUT', status: 'purchased' }] },
      { name: 'unknown', events: [{ ...BASE, type: 'CHECKOUT', status: 'PAID' }], value: /^PAID$/ },
      { name: 'missing', events: [{ ...BASE, type: 'CHECKOUT' }] },
    ],
  },
  'events/confirm-after-add': {
    valid: [
      { name: 'ADD then CONFIRM', events: [['t.ndjson', 1, ADD], ['t.ndjson', 2, CONFIRM]] },
      { name: 'across files in name order', events: [['a.ndjson', 9, ADD], ['b.ndjson', 1, CONFIRM]] },
      { name: 'product object tolerated', events: [['t.ndjson', 1, ADD], ['t.ndjson', 2, { ...CONFIRM, product: { item_id: 'i1' } }]] },
    ],
    invalid: [
      { name: 'no ADD', events: [['t.ndjson', 3, CONFIRM]], at: ['t.ndjson', 3], value: /no earlier ADD for item_id i1/ },
      { name: 'ADD after CONFIRM', events: [['t.ndjson', 2, ADD], ['t.ndjson', 1, CONFIRM]], at: ['t.ndjson', 1] },
      { name: 'ADD in a later file', events: [['b.ndjson', 1, ADD], ['a.ndjson', 5, CONFIRM]], at: ['a.ndjson', 5] },
      { name: 'other browser', events: [['t.ndjson', 1, { ...ADD, browser_id: BID2 }], ['t.ndjson', 2, CONFIRM]], at: ['t.ndjson', 2] },
      { name: 'one of two items missing', events: [['t.ndjson', 1, ADD], ['t.ndjson', 2, { ...CONFIRM, product: [{ item_id: 'i1' }, { item_id: 'i2' }] }]], at: ['t.ndjson', 2], value: /item_id i2$/ },
      { name: 'no items', events: [['t.ndjson', 1, ADD], ['t.ndjson', 2, { ...CONFIRM, product: [] }]], at: ['t.ndjson', 2], value: /no item_id/ },
    ],
  },
  'events/ext-keys': {
    valid: [{ name: '50 keys', events: [ext(50)] }, { name: 'nested, 2 leaves', events: [{ ...BASE, ext: { a: { b: 1, c: [1, 2] } } }] }],
    invalid: [
      { name: '51 keys', events: [ext(51)], value: /^51 keys$/ },
      { name: '51 after flattening', events: [{ ...BASE, ext: { nested: (ext(51) as { ext: object }).ext } }] },
      { name: 'not an object', events: [{ ...BASE, ext: 'x' }] },
    ],
  },
  'events/identity-provider': {
    valid: [
      { name: 'declared', events: [IDENTITY], params: { identityRules: ['email', 'crm'] } },
      { name: 'no rules declared: skipped', events: [ids({ id: 'x', provider: 'anything' })] },
    ],
    invalid: [
      { name: 'case differs', events: [IDENTITY], params: { identityRules: ['EMAIL'] }, value: /email \(differs only in case\)/ },
      { name: 'undeclared second', events: [ids({ id: 'a@b.co', provider: 'email' }, { id: '1', provider: 'loyalty' })], params: { identityRules: ['email'] }, value: /^loyalty \(not a declared/ },
    ],
  },
  'events/identity-email': {
    valid: [
      { name: 'email provider', events: [IDENTITY] }, { name: 'non-email provider', events: [ids({ id: 'abc', provider: 'crm' })] },
      { name: 'PII email', events: [{ ...ids({ id: '1', provider: 'crm' }), email: 'x@y.org' }] },
    ],
    invalid: [
      { name: 'no domain dot', events: [ids({ id: 'a@b', provider: 'email' })], value: /^a@b$/ },
      { name: 'space', events: [ids({ id: 'a b@c.de', provider: 'Email_Address' })] },
      { name: 'bad PII email', events: [{ ...ids({ id: '1', provider: 'crm' }), email: 'nobody' }] },
    ],
  },
  'events/identity-dates': {
    valid: [
      { name: 'dob', events: [{ ...IDENTITY, dob: '1990-04-01T00:00' }] },
      { name: 'expiry (both keys)', events: [ids({ id: '1', provider: 'crm', expiry_date: '2030-01-01T10:30' }, { id: '2', provider: 'x', expiryDate: '2030-12-31T23:59' })] },
    ],
    invalid: [
      { name: 'dob with seconds', events: [{ ...IDENTITY, dob: '1990-04-01T00:00:00' }], value: /^1990-04-01T00:00:00$/ },
      { name: 'date only', events: [{ ...IDENTITY, dob: '1990-04-01' }] },
      { name: 'month 13 expiry', events: [ids({ id: '1', provider: 'crm', expiryDate: '2030-13-01T10:30' })] },
    ],
  },
  'events/page-script': {
    valid: [
      { name: 'English', events: [BASE] }, { name: 'Russian', events: [{ ...BASE, language: 'RU', page: 'Главная' }] },
      { name: 'SKU only', events: [{ ...BASE, language: 'RU', page: 'AB-1234' }] },
      { name: 'mostly native, one foreign word', events: [{ ...BASE, language: 'EN', page: 'Shop news Москва' }] },
      { name: 'unjudged language code', events: [{ ...BASE, language: 'XX', page: 'Главная' }] },
    ],
    invalid: [
      { name: 'Cyrillic in EN', events: [{ ...BASE, page: 'Главная страница' }], value: /^text in Cyrillic in an event declared EN: Главная/ },
      { name: 'Home Page in RU', events: [{ ...BASE, language: 'ru-RU', page: 'Home Page' }] },
      { name: 'CJK in DE', events: [['t.ndjson', 4, BASE], ['t.ndjson', 5, { ...BASE, language: 'DE', page: '商品一覧' }]], at: ['t.ndjson', 5] },
    ],
  },
  'events/product-name-script': {
    valid: [{ name: 'English name', events: [ADD] }, { name: 'not an ADD', events: [{ ...BASE, product: { name: 'Кроссовки' } }] }],
    invalid: [{ name: 'Arabic in EN', events: [{ ...ADD, product: { name: 'حذاء رياضي' } }], value: /Arabic in an event declared EN/ }],
  },
};

const db = useDuckDb();

const rowOf = (e: Row | object): Row => (Array.isArray(e) ? (e as unknown as Row) : ['t.ndjson', 7, e]);

async function resultOf(ruleId: string, c: Case) {
  await loadLines(db(), c.events.map(rowOf));
  const [result] = await runEventRules(db(), EVENT_RULES.filter((r) => r.id === ruleId), { ...NO_LISTS, ...c.params });
  if (result === undefined) throw new Error(`no result for ${ruleId}`);
  return result;
}

describe('journey, identity and script rules', () => {
  it('has a table entry for every rule beyond the core ones (declared-fact and order rules: event-rules-declared.test.ts)', () => {
    const core = new Set([...CORE_EVENT_RULES, ...DECLARED_EVENT_RULES, ...ORDER_EVENT_RULES].map((r) => r.id));
    expect(Object.keys(TABLE).sort()).toEqual(EVENT_RULES.map((r) => r.id).filter((id) => !core.has(id)).sort());
  });
  for (const [ruleId, { valid, invalid }] of Object.entries(TABLE)) {
    describe(ruleId, () => {
      it.each(valid)('passes: $name', async (c) => {
        const result = await resultOf(ruleId, c);
        expect([result.violations, result.examples]).toEqual([0, []]);
      });
      it.each(invalid)('flags: $name', async (c) => {
        const result = await resultOf(ruleId, c);
        const [file, line] = c.at ?? ['t.ndjson', 7];
        expect(result.violations).toBe(1);
        expect(result.examples).toEqual([{ file, line, value: expect.stringMatching(c.value ?? /./) }]);
      });
    });
  }
});
