import { describe, expect, it } from 'vitest';
import { loadLines, useDuckDb } from './test-helpers.js';
import { DECLARED_EVENT_RULES } from './event-rules-declared.js';
import { ORDER_EVENT_RULES } from './event-rules-order.js';
import { runEventRules, type RuleParams } from './event-rules-sql.js';

const BID = '0b4f8c4e-7d5a-4a8e-9a43-8b3f0a4f7e21';
const BASE = { type: 'VIEW', channel: 'WEB', language: 'EN', currency: 'EUR', browser_id: BID, pos: 'shop-eu', page: 'home' };
const ITEM = { type: 'SHOES', productId: 'p1', name: 'Shoe', price: 10, quantity: 2, currencyCode: 'EUR' };
const order = (over: object = {}, items: object[] = [ITEM, { ...ITEM, productId: 'p2', price: 5.5, quantity: 1 }]): object =>
  ({ ...BASE, type: 'ORDER_CHECKOUT', order: { referenceId: 'O-1', currencyCode: 'EUR', price: 25.5, orderItems: items, ...over } });
const NO_LISTS: RuleParams = { languages: [], currencies: [], pointsOfSale: [] };
const CHANNELS: Partial<RuleParams> = { posChannels: [{ name: 'shop-eu', channel: 'WEB' }, { name: 'shop-m', channel: 'MOBILE_WEB' }] };

interface Case { name: string; events: object[]; params?: Partial<RuleParams>; value?: RegExp }

/** Per-event rules: each invalid case breaks the rule on line 7 of t.ndjson. */
const TABLE: Record<string, { valid: Case[]; invalid: Case[] }> = {
  'events/pos-channel': {
    valid: [
      { name: 'declared channel', events: [BASE], params: CHANNELS },
      { name: 'MOBILE_WEB point of sale', events: [{ ...BASE, pos: 'shop-m', channel: 'MOBILE_WEB' }], params: CHANNELS },
      { name: 'pos without a declared channel', events: [{ ...BASE, pos: 'other', channel: 'MOBILE_APP' }], params: CHANNELS },
      { name: 'nothing declared', events: [{ ...BASE, channel: 'MOBILE_WEB' }] },
      // The point of sale's language is not compared: sites may be multilingual.
      { name: 'language differs from the pos', events: [{ ...BASE, language: 'DE' }], params: CHANNELS },
    ],
    invalid: [
      { name: 'WEB at a MOBILE_WEB pos', events: [{ ...BASE, pos: 'shop-m' }], params: CHANNELS, value: /^WEB \(shop-m is declared MOBILE_WEB\)$/ },
      { name: 'MOBILE_WEB at a WEB pos', events: [{ ...BASE, channel: 'MOBILE_WEB' }], params: CHANNELS },
      { name: 'channel missing', events: [{ ...BASE, channel: undefined }], params: CHANNELS, value: /^\(missing\)/ },
    ],
  },
  'events/order-total': {
    valid: [
      { name: 'total matches, quantity defaults to 1', events: [order()] },
      { name: 'within a cent', events: [order({ price: 25.51 })] },
      { name: 'no order object', events: [BASE] },
      { name: 'no items: nothing to compare', events: [order({}, [])] },
      { name: 'item without currencyCode', events: [order({ price: 20 }, [{ ...ITEM, currencyCode: undefined }])] },
      { name: 'non-numeric item price: total not judged', events: [order({ price: 1 }, [{ ...ITEM, price: '20' }])] },
    ],
    invalid: [
      { name: 'total off by more than a cent', events: [order({ price: 25.52 })], value: /^order\.price 25\.52 but items sum to 25\.50$/ },
      { name: 'quantity ignored by the sender', events: [order({ price: 15.5 })] },
      { name: 'item in another currency', events: [order({}, [ITEM, { ...ITEM, price: 5.5, quantity: 1, currencyCode: 'USD' }])], value: /^item currencyCode USD in an order in EUR$/ },
      { name: 'both', events: [order({ price: 1 }, [{ ...ITEM, currencyCode: 'GBP' }])], value: /^order\.price 1 but items sum to 20\.00; item currencyCode GBP/ },
    ],
  },
};

const db = useDuckDb();

async function resultsOf(ruleId: string, events: object[], params: Partial<RuleParams> = {}, at = (i: number) => 7 + i) {
  await loadLines(db(), events.map((e, i) => ['t.ndjson', at(i), e] as const));
  const rules = [...DECLARED_EVENT_RULES, ...ORDER_EVENT_RULES].filter((r) => r.id === ruleId);
  return runEventRules(db(), rules, { ...NO_LISTS, ...params }, 1000);
}

describe('declared-fact and order rules', () => {
  for (const [ruleId, { valid, invalid }] of Object.entries(TABLE)) {
    describe(ruleId, () => {
      it.each(valid)('passes: $name', async (c) => {
        const [result] = await resultsOf(ruleId, c.events, c.params);
        expect([result?.violations, result?.examples]).toEqual([0, []]);
      });
      it.each(invalid)('flags: $name', async (c) => {
        const [result] = await resultsOf(ruleId, c.events, c.params);
        expect(result?.violations).toBe(1);
        expect(result?.examples).toEqual([{ file: 't.ndjson', line: 7, value: expect.stringMatching(c.value ?? /./) }]);
      });
    });
  }

  it('events/order-total is a warning', () => {
    expect(ORDER_EVENT_RULES.map((r) => [r.id, r.severity])).toEqual([['events/order-total', 'warn']]);
  });

  describe('events/ext-fill-rate (one aggregate result per declared extension)', () => {
    const withExt = (ext: unknown) => ({ ...BASE, ext });
    // Lines 1..10: tier on 1-9 except 4 (null) and 7 (""), so 7 of 10 carry it; coupon only on line 2; line 10 has no ext.
    const events = [
      withExt({ tier: 'gold' }), withExt({ tier: 'gold', coupon: 'X' }), withExt({ tier: 'silver' }), withExt({ tier: null }),
      withExt({ tier: 'a/b' }), withExt({ tier: 1 }), withExt({ tier: '' }), withExt({ tier: false }), withExt({ tier: [1] }), BASE,
    ];
    const run = (extensions: RuleParams['extensions']) => resultsOf('events/ext-fill-rate', events, { extensions }, (i) => i + 1);

    it('yields nothing when no extension is declared', async () => {
      expect(await run([])).toEqual([]);
    });

    it('passes at or above the minimum, reporting the fill rate and the lines lacking the key', async () => {
      const [tier] = await run([{ name: 'tier', minFillRate: 0.7 }]);
      expect(tier).toMatchObject({ id: 'events/ext-fill-rate', subject: 'ext.tier', applicable: 10, violations: 3, threshold: { measure: 'fill rate', value: 0.7, min: 0.7 } });
      expect(tier?.examples).toEqual([{ file: 't.ndjson', line: 4, value: 'no ext.tier' }, { file: 't.ndjson', line: 7, value: 'no ext.tier' }, { file: 't.ndjson', line: 10, value: 'no ext object' }]);
    });

    it('fails below the minimum; a key without minimum is reported only; odd names work', async () => {
      const results = await run([{ name: 'tier', minFillRate: 0.71 }, { name: 'coupon' }, { name: 'a/b~c' }]);
      expect(results.map((r) => [r.subject, r.violations, r.threshold])).toEqual([
        ['ext.tier', 3, { measure: 'fill rate', value: 0.7, min: 0.71 }],
        ['ext.coupon', 9, { measure: 'fill rate', value: 0.1, min: 0 }],
        ['ext.a/b~c', 10, { measure: 'fill rate', value: 0, min: 0 }],
      ]);
    });

    it('finds a key whose name needs escaping in a JSON pointer', async () => {
      await loadLines(db(), [['t.ndjson', 1, withExt({ 'a/b~c': 'x' })], ['t.ndjson', 2, withExt({ a: { b: 'x' } })]]);
      const [r] = await runEventRules(db(), DECLARED_EVENT_RULES.filter((x) => x.expand !== undefined), { ...NO_LISTS, extensions: [{ name: 'a/b~c', minFillRate: 1 }] });
      expect(r).toMatchObject({ violations: 1, threshold: { value: 0.5, min: 1 }, examples: [{ line: 2 }] });
    });
  });
});
