import { describe, expect, it } from 'vitest';
import { loadLines, useDuckDb } from './test-helpers.js';
import { CORE_EVENT_RULES, EVENT_RULES } from './event-rules.js';
import { runEventRules, type RuleParams } from './event-rules-sql.js';

const BID = '0b4f8c4e-7d5a-4a8e-9a43-8b3f0a4f7e21';
const BASE = { type: 'VIEW', channel: 'WEB', language: 'EN', currency: 'EUR', browser_id: BID, pos: 'shop-eu', page: 'home' };
const PRODUCT = { type: 'SHOES', item_id: 'i1', name: 'Shoe', productId: 'p1', referenceId: 'r1', orderedAt: '2024-05-01T10:00:00Z', quantity: 2, price: 9.99, currency: 'EUR' };
const ADD = { ...BASE, type: 'ADD', product: PRODUCT };
const IDENTITY = { ...BASE, type: 'IDENTITY', identifiers: [{ id: 'a@b.c', provider: 'email' }] };
const NO_LISTS: RuleParams = { languages: [], currencies: [], pointsOfSale: [] };

interface Case { name: string; event: object; params?: Partial<RuleParams> }
const without = (o: Record<string, unknown>, key: string): object => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const addWith = (product: object): object => ({ ...ADD, product: { ...PRODUCT, ...product } });

/** rule id -> events that pass and events that each break it once. */
const TABLE: Record<string, { valid: Case[]; invalid: Case[] }> = {
  'events/type-uppercase': {
    valid: [{ name: 'VIEW', event: BASE }, { name: 'custom', event: { ...BASE, type: 'MY_EVENT' } }],
    invalid: [{ name: 'lowercase', event: { ...BASE, type: 'view' } }, { name: 'missing', event: without(BASE, 'type') }, { name: 'empty', event: { ...BASE, type: '' } }],
  },
  'events/channel-enum': {
    valid: [{ name: 'WEB', event: BASE }, { name: 'MOBILE_APP', event: { ...BASE, channel: 'MOBILE_APP' } }],
    invalid: [{ name: 'lowercase', event: { ...BASE, channel: 'web' } }, { name: 'unknown', event: { ...BASE, channel: 'APP' } }, { name: 'missing', event: without(BASE, 'channel') }],
  },
  'events/language-code': {
    valid: [{ name: 'EN', event: BASE }, { name: 'in list', event: BASE, params: { languages: ['EN', 'DE'] } }],
    invalid: [
      { name: 'lowercase', event: { ...BASE, language: 'en' } }, { name: 'locale', event: { ...BASE, language: 'EN-GB' } },
      { name: 'missing', event: without(BASE, 'language') }, { name: 'not in list', event: BASE, params: { languages: ['DE'] } },
    ],
  },
  'events/currency-code': {
    valid: [{ name: 'EUR', event: BASE }, { name: 'in list', event: BASE, params: { currencies: ['EUR'] } }],
    invalid: [
      { name: 'lowercase', event: { ...BASE, currency: 'eur' } }, { name: 'two letters', event: { ...BASE, currency: 'EU' } },
      { name: 'number', event: { ...BASE, currency: 978 } }, { name: 'not in list', event: BASE, params: { currencies: ['USD'] } },
    ],
  },
  'events/browser-id-uuid': {
    valid: [{ name: 'uuid', event: BASE }, { name: 'uppercase uuid', event: { ...BASE, browser_id: BID.toUpperCase() } }],
    invalid: [{ name: 'not a uuid', event: { ...BASE, browser_id: 'abc' } }, { name: 'braces', event: { ...BASE, browser_id: `{${BID}}` } }, { name: 'missing', event: without(BASE, 'browser_id') }],
  },
  'events/pos-present': {
    valid: [{ name: 'present', event: BASE }, { name: 'declared', event: BASE, params: { pointsOfSale: ['shop-eu'] } }],
    invalid: [{ name: 'empty (Cloud SDK)', event: { ...BASE, pos: '' } }, { name: 'missing', event: without(BASE, 'pos') }, { name: 'undeclared', event: BASE, params: { pointsOfSale: ['shop-us'] } }],
  },
  'events/add-product-fields': {
    valid: [{ name: 'complete', event: ADD }, { name: 'not an ADD', event: BASE }],
    invalid: [{ name: 'no product', event: without(ADD, 'product') }, { name: 'no item_id', event: { ...ADD, product: without(PRODUCT, 'item_id') } }, { name: 'empty name', event: addWith({ name: '' }) }],
  },
  'events/add-quantity': {
    valid: [{ name: '2', event: ADD }, { name: 'not an ADD', event: { ...BASE, product: { quantity: 0 } } }],
    invalid: [
      { name: 'zero', event: addWith({ quantity: 0 }) }, { name: 'negative', event: addWith({ quantity: -1 }) },
      { name: 'fraction', event: addWith({ quantity: 1.5 }) }, { name: 'string', event: addWith({ quantity: '2' }) },
      { name: 'missing', event: { ...ADD, product: without(PRODUCT, 'quantity') } },
    ],
  },
  'events/add-price': {
    valid: [{ name: 'decimal', event: ADD }, { name: 'integer', event: addWith({ price: 10 }) }],
    invalid: [{ name: 'string', event: addWith({ price: '9.99' }) }, { name: 'null', event: addWith({ price: null }) }, { name: 'missing', event: { ...ADD, product: without(PRODUCT, 'price') } }],
  },
  'events/identity-identifiers': {
    valid: [{ name: 'one identifier', event: IDENTITY }, { name: 'not an IDENTITY', event: BASE }],
    invalid: [
      { name: 'missing', event: without(IDENTITY, 'identifiers') }, { name: 'empty', event: { ...IDENTITY, identifiers: [] } },
      { name: 'no provider', event: { ...IDENTITY, identifiers: [{ id: 'x' }] } },
      { name: 'one of two without id', event: { ...IDENTITY, identifiers: [{ id: 'x', provider: 'p' }, { provider: 'p' }] } },
      { name: 'object, not array', event: { ...IDENTITY, identifiers: { id: 'x', provider: 'p' } } },
    ],
  },
};

const db = useDuckDb();

async function violationsOf(ruleId: string, c: Case): Promise<number> {
  await loadLines(db(), [['t.ndjson', 7, c.event]]);
  const rule = EVENT_RULES.filter((r) => r.id === ruleId);
  const [result] = await runEventRules(db(), rule, { ...NO_LISTS, ...c.params });
  if (result === undefined) throw new Error(`no result for ${ruleId}`);
  if (result.violations > 0) expect(result.examples[0]).toMatchObject({ file: 't.ndjson', line: 7 });
  return result.violations;
}

describe('event rules', () => {
  it('has a table entry for every core rule', () => {
    expect(Object.keys(TABLE).sort()).toEqual(CORE_EVENT_RULES.map((r) => r.id).sort());
  });
  for (const [ruleId, { valid, invalid }] of Object.entries(TABLE)) {
    describe(ruleId, () => {
      it.each(valid)('passes: $name', async (c) => expect(await violationsOf(ruleId, c)).toBe(0));
      it.each(invalid)('flags: $name', async (c) => expect(await violationsOf(ruleId, c)).toBe(1));
    });
  }
});
